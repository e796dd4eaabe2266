#!/usr/bin/env bash
# The comparison peer (../shared/notes/peers.md): Postfix 3.7 (SMTP 127.0.0.1:10025) delivering over LMTP to
# Dovecot 2.3 (IMAP 127.0.0.1:10143, POP3 10110), Maildir, each with its own configuration under $ROOT.
# Usage:
#   peer.sh start ROOT DOMAIN USER PASSWORD   configure and start both (USER@DOMAIN is the benchmark's mailbox)
#   peer.sh users ROOT DOMAIN FILE            the mailboxes become USER@DOMAIN of start plus every "address password"
#                                             line of FILE: regenerates Dovecot's passwd-file and Postfix's
#                                             virtual_mailbox_maps hash, then reloads both
#   peer.sh aliases ROOT FILE SINK_PORT       FILE is a Postfix virtual(5) table (an address, whitespace, targets
#                                             separated by commas): it becomes virtual_alias_maps, and mail for other
#                                             domains is relayed to 127.0.0.1:SINK_PORT (relayhost); reloads Postfix
#   peer.sh stop ROOT
set -euo pipefail

command=$1
root=$2

install_packages() {
    if ! command -v postfix >/dev/null || ! command -v dovecot >/dev/null || ! command -v smtp-source >/dev/null; then
        echo "Installing postfix and dovecot (Debian packages)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix dovecot-imapd dovecot-pop3d dovecot-lmtpd >/dev/null
    fi
    id vmail >/dev/null 2>&1 || useradd --system --uid 5000 --user-group --no-create-home vmail
}

start() {
    local domain=$3 user=$4 password=$5
    install_packages
    rm -rf "$root" && mkdir -p "$root"/{postfix,mail,dovecot-run,dovecot-state,postfix-queue,postfix-data}
    chown -R vmail:vmail "$root/mail"
    chown postfix "$root/postfix-data"

    echo "$user@$domain $password" > "$root/main-user"
    echo "$user@$domain:{PLAIN}$password" > "$root/users"
    cat > "$root/dovecot.conf" <<CONF
base_dir = $root/dovecot-run
state_dir = $root/dovecot-state
log_path = $root/dovecot.log
protocols = imap pop3 lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$root/mail/%d/%n/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $root/users
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=$root/mail/%d/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = 10143
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = 10110
  }
  inet_listener pop3s {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = 10024
  }
}
CONF
    dovecot -c "$root/dovecot.conf"

    cat > "$root/postfix/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $root/postfix-queue
data_directory = $root/postfix-data
inet_interfaces = loopback-only
inet_protocols = ipv4
myhostname = peer.localdomain
mydestination =
mynetworks = 127.0.0.0/8
virtual_mailbox_domains = $domain
virtual_mailbox_maps = hash:$root/postfix/vmailbox
virtual_transport = lmtp:inet:127.0.0.1:10024
maillog_file = $root/postfix.log
maillog_file_prefixes = /var, /dev/stdout, $root
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
# Mailing-list workload: one alias may expand to 10,000 addresses (default limit 1000).
virtual_alias_expansion_limit = 1000000
CONF
    echo "$user@$domain OK" > "$root/postfix/vmailbox"
    postmap "$root/postfix/vmailbox"
    sed -e 's/^smtp      inet  n       -       y/127.0.0.1:10025 inet n   -       n/' \
        -e 's/^\([a-z0-9]* *\(unix\|inet\|unix-dgram\|fifo\|pass\) *[-ny] *[-ny] *\)y /\1n /' \
        /etc/postfix/master.cf > "$root/postfix/master.cf"
    # postfix start reports its errors to a syslog socket this machine lacks: script shows them.
    script -qc "postfix -c $root/postfix start" /dev/null
}

postfix_reload() {
    # postfix reload reports its errors to a syslog socket this machine lacks: script shows them.
    local output
    output=$(script -qc "postfix -c $root/postfix reload; echo \"exit=\$?\"" /dev/null)
    case "$output" in
        *exit=0*) ;;
        *) echo "peer.sh: postfix reload failed: $output" >&2; exit 1 ;;
    esac
}

users() {
    local domain=$3 file=$4
    [ -f "$root/main-user" ] || { echo "peer.sh users: $root is not started (no main-user)" >&2; exit 1; }
    [ -f "$file" ] || { echo "peer.sh users: no file $file" >&2; exit 1; }
    cat "$root/main-user" "$file" | awk -v d="@$domain" '
        NF != 2 || substr($1, length($1) - length(d) + 1) != d { print "peer.sh users: bad line " NR ": " $0 > "/dev/stderr"; exit 1 }
        { print $1 ":{PLAIN}" $2 > USERS; print $1 " OK" > MAPS }' USERS="$root/users.new" MAPS="$root/postfix/vmailbox"
    mv "$root/users.new" "$root/users"
    postmap "$root/postfix/vmailbox"
    postfix_reload
    kill -HUP "$(cat "$root/dovecot-run/master.pid")"
}

aliases() {
    local file=$3 sink_port=$4
    [ -f "$file" ] || { echo "peer.sh aliases: no file $file" >&2; exit 1; }
    cp "$file" "$root/postfix/virtual"
    postmap "$root/postfix/virtual"
    postconf -c "$root/postfix" -e "virtual_alias_maps = hash:$root/postfix/virtual" "relayhost = [127.0.0.1]:$sink_port"
    postfix_reload
}

stop() {
    script -qc "postfix -c $root/postfix stop" /dev/null || true
    if [ -f "$root/dovecot-run/master.pid" ]; then
        local pid
        pid=$(cat "$root/dovecot-run/master.pid")
        if kill "$pid" 2>/dev/null; then
            for _ in $(seq 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.2
            done
        fi
    fi
    # postfix stop returns before every child has exited; wait for the master of this configuration.
    if [ -f "$root/postfix-queue/pid/master.pid" ]; then
        local pid
        pid=$(tr -d ' ' < "$root/postfix-queue/pid/master.pid")
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
    fi
}

case "$command" in
    start) start "$@" ;;
    users) users "$@" ;;
    aliases) aliases "$@" ;;
    stop) stop ;;
    *) echo "usage: peer.sh start ROOT DOMAIN USER PASSWORD | users ROOT DOMAIN FILE | aliases ROOT FILE SINK_PORT | stop ROOT" >&2; exit 2 ;;
esac
