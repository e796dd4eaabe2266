package io.extremail.launcher;

import java.nio.file.Path;

/** Runs the launcher in its own JVM with the fake server, so a test can signal the launcher like an operator would. */
public final class LauncherTestMain {

    private LauncherTestMain() {
    }

    public static void main(String[] args) {
        Launcher launcher = new Launcher(Path.of(args[0]), System.out, System.err, FakeServer.class.getName(), null);
        System.exit(launcher.execute(args[1]));
    }
}
