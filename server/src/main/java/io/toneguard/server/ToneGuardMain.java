package io.toneguard.server;

import io.toneguard.server.cli.MaskCommand;
import io.toneguard.server.cli.ScanCommand;
import io.toneguard.server.config.ConfigException;
import io.toneguard.server.config.ConfigLoader;
import io.toneguard.server.config.ToneGuardConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line entry point of {@code toneguard.jar}. */
@Command(name = "toneguard", mixinStandardHelpOptions = true, versionProvider = ToneGuardMain.Version.class,
        description = "Secure DTMF capture media server: a SIP B2BUA that masks keypad tones from agents and recordings.",
        subcommands = {ToneGuardMain.Serve.class, ToneGuardMain.Config.class, ScanCommand.class, MaskCommand.class,
            CommandLine.HelpCommand.class})
public final class ToneGuardMain implements Callable<Integer> {
    /** Exit status for configuration errors. */
    static final int EXIT_CONFIG = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line and returns its exit status (for tests and for {@link #main}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new ToneGuardMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ConfigException) {
                err.println("toneguard: " + e.getMessage());
                return EXIT_CONFIG;
            }
            throw e;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static ToneGuardConfig load(Path file) {
        ConfigLoader loader = new ConfigLoader();
        return file == null ? loader.defaults() : loader.load(file);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run ToneGuard (embedded defaults unless --config is given) until SIGTERM or SIGINT.")
    static final class Serve implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML file overriding the embedded defaults")
        Path config;

        @Override
        public Integer call() throws InterruptedException {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
            ToneGuardServer server = ToneGuardServer.start(load(config));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
            server.awaitStop();
            return 0;
        }
    }

    @Command(name = "config", mixinStandardHelpOptions = true,
            description = "Validate the configuration and print the effective values as YAML.")
    static final class Config implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML file overriding the embedded defaults")
        Path config;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(new ConfigLoader().toYaml(load(config)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** Version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ToneGuardMain.class.getPackage().getImplementationVersion();
            return new String[] {"ToneGuard " + (v == null ? "dev" : v)};
        }
    }
}
