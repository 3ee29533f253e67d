package io.updraft.anonymizer.internal;

import static io.updraft.anonymizer.internal.Events.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;

/**
 * Realistic telemetry with identifiers planted in it. Every planted value is recorded, so a test can count
 * them in the input and look for each one in the output. Text around them is real-looking and full of things
 * that must survive: versions, times, dates, line numbers, error codes, object hashes, interface names.
 */
final class Corpus {
    /** Rules the corpus needs beyond the defaults: the fields a maker of these products would name. */
    static final String[] RULES = {
        "drop updraft.wifi.scan:networks.ssid",
        "pseudonym crash:process.user",
        "location updraft.robot.mission:waypoints.latitude updraft.robot.mission:waypoints.longitude 0.01",
        "serial RBT-[0-9]{4}-[0-9]{6}",
    };

    /** Non-personal text that must come through unchanged. */
    static final List<String> SURVIVORS = List.of("v1.2.3.4", "build 2.14.3", "5.15.0-1034-raspi",
            "java.lang.IllegalStateException", "Foo.java:42", "NativeMethodAccessorImpl.java:62",
            "java.lang.Object@1b6d3586", "12:30:45", "2024-05-01T12:30:45Z", "01.05.2024", "E1234", "wlan0",
            "RSSI -67 dBm", "took 1234 ms", "retry 3/5", "battery 87%", "m-2024-05-01", "uptime 1715000000",
            "550e8400-e29b-41d4-a716-446655440000", "0.1.0-SNAPSHOT", "board rev C", "exit status 139",
            "/var/lib/updraft/telemetry", "std::vector", "sshd[1234]", "port 52814");

    final List<String> planted = new ArrayList<>();
    final List<TelemetryEvent> events = new ArrayList<>();

    private String plant(String value) {
        planted.add(value);
        return value;
    }

    Corpus() {
        syslog();
        crashReport();
        wifi();
        mission();
        supportTicket();
        otaReport();
    }

    private void syslog() {
        String lines = String.join("\n",
                "May  1 12:30:45 robot-7 sshd[1234]: Accepted publickey for " + plant("jdoe") + " from "
                        + plant("192.168.17.42") + " port 52814 ssh2",
                "May  1 12:30:46 robot-7 sshd[1234]: reading /home/jdoe/.ssh/authorized_keys",
                "May  1 12:30:47 robot-7 kernel: [ 1234.567890] wlan0: authenticate with "
                        + plant("3c:22:fb:12:34:56") + " (try 1/3)",
                "May  1 12:30:48 robot-7 NetworkManager[812]: <info> dhcp6 (wlan0): address "
                        + plant("2001:db8:85a3:12::8a2e:370:7334"),
                "May  1 12:30:49 robot-7 dnsmasq[77]: DHCPACK(wlan0) " + plant("10.0.0.23") + " "
                        + plant("AC-DE-48-00-11-22"),
                "May  1 12:30:50 robot-7 updraft[901]: running updraft v1.2.3.4 (build 2.14.3), kernel "
                        + "5.15.0-1034-raspi, uptime 1715000000, state in /var/lib/updraft/telemetry",
                "May  1 12:30:51 robot-7 planner[902]: std::vector reallocated, retry 3/5, took 1234 ms");
        events.add(event(Category.DIAGNOSTICS, "updraft.log.lines", Map.of("host", "robot-7", "text", lines)));
    }

    private void crashReport() {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("name", "mission-planner");
        process.put("user", plant("mgarcia"));
        process.put("exit", "exit status 139");
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("exception", "java.lang.IllegalStateException: cannot open /home/" + plant("maria.garcia")
                + "/robot/missions/m-17.json");
        f.put("stackTrace", String.join("\n",
                "java.lang.IllegalStateException: cannot open mission",
                "\tat io.updraft.planner.Foo.bar(Foo.java:42)",
                "\tat jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(NativeMethodAccessorImpl.java:62)",
                "\tat java.lang.Thread.run(Thread.java:833) on java.lang.Object@1b6d3586",
                "Caused by: java.io.IOException: report to " + plant("ops-team@fleet.example.org")
                        + " failed at 2024-05-01T12:30:45Z",
                "\t... 3 more (owner maria.garcia, config /Users/" + plant("mgarcia2") + "/dev.json)"));
        f.put("lastLogLines", List.of("contact " + plant("Maria.Garcia@Example.COM") + " for access",
                "event id 550e8400-e29b-41d4-a716-446655440000 at 12:30:45", "build 0.1.0-SNAPSHOT"));
        f.put("process", process);
        events.add(event(Category.CRASH, "updraft.crash.report", f));
    }

    private void wifi() {
        List<Object> networks = new ArrayList<>();
        networks.add(Map.of("bssid", plant("F4:F2:6D:AA:BB:CC"), "ssid", plant("Jane's iPhone"), "rssi", -67L));
        networks.add(Map.of("bssid", plant("f4f26daabbcd"), "ssid", plant("Smith-Family-5G"), "rssi", -80L));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("interface", "wlan0");
        f.put("bssid", plant("00:1A:2B:3C:4D:5E"));
        f.put("clientIp", plant("192.168.1.77"));
        f.put("networks", networks);
        f.put("log", List.of(
                "wpa_supplicant: wlan0: CTRL-EVENT-CONNECTED - Connection to " + plant("0024.e8a1.b2c3")
                        + " completed, RSSI -67 dBm",
                "dhcp: lease " + plant("172.16.4.201") + " for " + plant("001a2b3c4d5f") + " expires",
                "ipv6: link-local " + plant("fe80::a8bb:ccff:fedd:eeff") + "%wlan0 and "
                        + plant("2a02:8109:9c0:1d00:5d1:2f3e:4a5b:6c7d") + " via [" + plant("2a02:8109:9c0::1")
                        + "]:443"));
        events.add(event(Category.DIAGNOSTICS, "updraft.wifi.scan", f));
    }

    private void mission() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("lat", Double.parseDouble(plant("48.137154")));
        f.put("lon", Double.parseDouble(plant("11.576124")));
        f.put("waypoints", List.of(
                Map.of("latitude", Double.parseDouble(plant("48.139201")), "longitude",
                        Double.parseDouble(plant("11.580087"))),
                Map.of("latitude", Double.parseDouble(plant("48.141833")), "longitude",
                        Double.parseDouble(plant("11.583409")))));
        f.put("operator", "Call on " + plant("+49 171 2345678") + " if stuck");
        f.put("note", "Mission m-2024-05-01 finished, took 1234 ms per step, battery 87%");
        events.add(event(Category.LOCATION, "updraft.robot.mission", f));
    }

    private void supportTicket() {
        String body = "Customer reachable at " + plant("(030) 1234 5678") + ", mobile " + plant("0171-9876543")
                + ", US office " + plant("+1 (555) 123-4567") + ", UK " + plant("+44 20 7946 0958") + ", FR "
                + plant("06 12 34 56 78") + ", alt " + plant("555.867.5309") + ", intl " + plant("0049 89 21234567")
                + ", e-mail " + plant("john.smith@customer-mail.com") + ". Device SN: " + plant("RB7X2024A001")
                + " reported error E1234 on 01.05.2024, retry 3/5.";
        events.add(event(Category.USAGE, "updraft.support.ticket", Map.of("subject", "Robot stops", "body", body)));
    }

    private void otaReport() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("serialNumber", plant("HS-2291-004417"));
        f.put("summary", "Installed build 2.14.3 on S/N HS-2291-004417 (board rev C); robot "
                + plant("RBT-2291-004417") + " rebooted, serial number " + plant("QX99-88Z7") + " took 1234 ms");
        f.put("from", "v1.2.3.4");
        events.add(event(Category.OTA, "updraft.ota.report", f));
    }
}
