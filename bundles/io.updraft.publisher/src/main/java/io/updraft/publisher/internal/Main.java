package io.updraft.publisher.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code updraft-publish}: the release tool. Exit codes: 0 done, 1 refused or failed (nothing changed), 2 bad
 * command line (the message names the argument).
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Map<String, Command> commands = new LinkedHashMap<>();

    Main() {
        for (Command c : List.of(new KeygenCommand(), new InitCommand(), new PackageCommand(), new AddCommand(),
                new RemoveCommand(), new DelegateCommand(), new ResignCommand(), new RotateKeyCommand(),
                new ExpiresCommand(), new StatusCommand(), new ServeCommand())) {
            commands.put(c.name(), c);
        }
    }

    public static void main(String[] args) {
        // Jetty logs through its own logger when run stand-alone; only problems are worth a line on stderr.
        if (System.getProperty("org.eclipse.jetty.LEVEL") == null) {
            System.setProperty("org.eclipse.jetty.LEVEL", "WARN");
            System.setProperty("org.eclipse.jetty.util.log.announce", "false");
        }
        Context context = new Context(System.out, System.err, Clock.systemUTC(), new SecureRandom());
        System.exit(new Main().run(Arrays.asList(args), context));
    }

    int run(List<String> args, Context context) {
        if (args.isEmpty() || List.of("--help", "-h", "help").contains(args.get(0)) && args.size() == 1) {
            overview(args.isEmpty() ? context.err() : context.out());
            return args.isEmpty() ? USAGE : OK;
        }
        String name = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if ("help".equals(name) && !rest.isEmpty()) {
            name = rest.get(0);
            rest = List.of("--help");
        }
        Command command = commands.get(name);
        if (command == null) {
            context.err().println("updraft-publish: unknown command '" + name + "'; commands: "
                    + String.join(", ", commands.keySet()));
            return USAGE;
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            Usage.print(command, context.out());
            return OK;
        }
        try {
            return command.run(Arguments.parse(command, rest), context);
        } catch (UsageException e) {
            context.err().println("updraft-publish " + name + ": " + e.getMessage());
            context.err().println("Run 'updraft-publish " + name + " --help' for its usage.");
            return USAGE;
        } catch (PublishException e) {
            context.err().println("updraft-publish " + name + ": " + e.getMessage());
            return FAILED;
        } catch (IOException | RuntimeException e) {
            context.err().println("updraft-publish " + name + ": failed: " + e);
            return FAILED;
        }
    }

    private void overview(PrintStream out) {
        out.println("Usage: updraft-publish COMMAND [OPTIONS]   (COMMAND --help for details)");
        out.println();
        out.println("Signs releases and maintains a TUF 1.0 repository for Updraft devices.");
        out.println();
        for (Command c : commands.values()) {
            out.printf("  %-11s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("Exit codes: 0 done, 1 refused or failed (repository unchanged), 2 bad arguments.");
    }
}
