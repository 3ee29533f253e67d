package io.updraft.itests;

import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.osgi.framework.BundleContext;

/**
 * Boots this build's Updraft distribution for an end-to-end journey. Every journey test extends this class.
 * Ports are the test's own so a running demo on 8181/8101 does not interfere; bundles come from the build's
 * local repository and never from the network.
 */
public abstract class UpdraftTestSupport {

    // Read on the test-driver side, where failsafe sets them, and handed into the container as system properties.
    protected static final String HTTP_PORT = System.getProperty("updraft.httpPort", "18181");
    protected static final String SSH_PORT = System.getProperty("updraft.sshPort", "18101");

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        String assembly = System.getProperty("updraft.assembly");
        String karafVersion = System.getProperty("updraft.karafVersion");
        String localRepo = System.getProperty("updraft.localRepository");
        if (assembly == null || !new File(assembly).isFile()) {
            throw new IllegalStateException("updraft.assembly must name the built distribution tar.gz, got " + assembly
                    + "; build with 'mvn verify' from the top folder");
        }
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl("file:" + new File(assembly).getAbsolutePath())
                        .karafVersion(karafVersion)
                        .name("Updraft")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                keepRuntimeFolderWhen(Boolean.getBoolean("updraft.keepRuntime")),
                logLevel(LogLevel.WARN),
                systemTimeout(120_000),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", HTTP_PORT),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", SSH_PORT),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut("etc/system.properties", "updraft.itest.httpPort", HTTP_PORT),
                editConfigurationFilePut("etc/system.properties", "updraft.itest.sshPort", SSH_PORT)));
        options.addAll(java17Options(karafVersion));
        return options.toArray(new Option[0]);
    }

    private static Option keepRuntimeFolderWhen(boolean keep) {
        // Kept only on request (-Dupdraft.keepRuntime=true): each run leaves ~100 MB in target/exam.
        return keep ? keepRuntimeFolder() : new org.ops4j.pax.exam.options.DefaultCompositeOption();
    }

    /** What bin/karaf adds on Java 9+; Pax Exam starts the JVM itself and would leave them out. */
    private static List<Option> java17Options(String karafVersion) {
        List<Option> vm = new ArrayList<>();
        String[] pairs = {
            "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
            "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
            "--add-opens", "java.base/java.security=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports", "java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports", "java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
            "--add-exports", "java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports", "java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports", "java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports", "java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports", "jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
            "--add-exports", "jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*",
        };
        for (String s : pairs) {
            vm.add(new VMOption(s));
        }
        vm.add(new VMOption("--add-reads=java.xml=java.logging"));
        vm.add(new VMOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"));
        return vm;
    }

    /** Runs a shell command as a field engineer would and returns what it printed. */
    protected String shell(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        try {
            Object result = session.execute(command);
            if (result != null) {
                out.println(result);
            }
        } finally {
            session.close();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
