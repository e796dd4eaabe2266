#!/usr/bin/env bash
# Builds the distribution when the sources changed since the last build, then runs it in the foreground with its
# embedded Cassandra node. Ctrl-C stops both. Data stays in dist/target/extremail/var/ (until 'mvn clean').
set -euo pipefail
cd "$(dirname "$0")"

home=dist/target/extremail
marker=dist/target/.built
if [ ! -x "$home/bin/extremail" ] || [ ! -f "$marker" ] \
    || [ -n "$(find pom.xml ./*/pom.xml ./*/src conf -newer "$marker" -print -quit 2>/dev/null)" ]; then
    echo "Building the distribution (mvn -B install -DskipTests) ..."
    mvn -B -q install -DskipTests
    touch "$marker"
fi
exec "$home/bin/extremail" run "$@"
