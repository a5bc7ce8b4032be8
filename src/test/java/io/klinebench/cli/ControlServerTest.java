package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The control port over a real socket on the loopback interface. Every wait is bounded. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ControlServerTest {

    private static final int WAIT_MS = 5000;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ControlServer server(Function<String, String> handler) throws IOException {
        ControlServer s = ControlServer.start(0, handler);
        open.add(s);
        return s;
    }

    private Client connect(ControlServer s) throws IOException {
        Client c = new Client(s.port());
        open.add(c);
        return c;
    }

    /** A line client with a read timeout. */
    static final class Client implements AutoCloseable {
        final Socket socket = new Socket();
        final BufferedReader in;
        final OutputStream out;

        Client(int port) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), WAIT_MS);
            socket.setSoTimeout(WAIT_MS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String ask(String line) throws IOException {
            send(line + "\n");
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void listensOnLoopbackOnlyOnTheFreePortItReports() throws IOException {
        ControlServer s = server(line -> "ok");

        assertThat(s.port()).isPositive();
        assertThat(s.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(s.address().getAddress().isAnyLocalAddress()).isFalse();
    }

    @Test
    void eachLineIsHandedToTheHandlerAndItsReplyComesBackInOrder() throws IOException {
        List<String> seen = new ArrayList<>();
        ControlServer s = server(line -> {
            seen.add(line);
            return line.equals("status") ? "ok ignition 0" : "ok";
        });
        Client c = connect(s);

        assertThat(c.ask("press A lock")).isEqualTo("ok");
        c.send("status\r\nignition 2\n");
        assertThat(c.in.readLine()).isEqualTo("ok ignition 0");
        assertThat(c.in.readLine()).isEqualTo("ok");
        assertThat(seen).containsExactly("press A lock", "status", "ignition 2");
    }

    @Test
    void errorsAreReplies() throws IOException {
        ControlServer s = server(line -> switch (line) {
            case "boom" -> throw new IllegalArgumentException("no such action 'boom'");
            case "nothing" -> null;
            default -> "first\nsecond";
        });
        Client c = connect(s);

        assertThat(c.ask("boom")).isEqualTo("error: no such action 'boom'");
        assertThat(c.ask("nothing")).isEqualTo("error: no reply");
        assertThat(c.ask("   ")).isEqualTo("error: empty command");
        assertThat(c.ask("x".repeat(ControlServer.MAX_LINE + 1))).startsWith("error: line longer than");
        assertThat(c.ask("two lines")).isEqualTo("first second");
    }

    @Test
    void severalClientsAreServedAndTheHandlerIsNeverCalledConcurrently() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        ControlServer s = server(line -> {
            int n = inside.incrementAndGet();
            mostInside.accumulateAndGet(n, Math::max);
            Thread.onSpinWait();
            inside.decrementAndGet();
            return "ok " + line;
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                int id = client;
                Callable<List<String>> talk = () -> {
                    List<String> replies = new ArrayList<>();
                    try (Client c = new Client(s.port())) {
                        for (int i = 0; i < 50; i++) {
                            replies.add(c.ask("c" + id + " #" + i));
                        }
                    }
                    return replies;
                };
                results.add(pool.submit(talk));
            }
            for (int client = 0; client < 4; client++) {
                List<String> replies = results.get(client).get(WAIT_MS, TimeUnit.MILLISECONDS);
                assertThat(replies).hasSize(50);
                for (int i = 0; i < 50; i++) {
                    assertThat(replies.get(i)).isEqualTo("ok c" + client + " #" + i);
                }
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
        }
        assertThat(mostInside.get()).isEqualTo(1);
    }

    @Test
    void closeDisconnectsTheClientsAndStopsListening() throws Exception {
        ControlServer s = server(line -> "ok");
        Client c = connect(s);
        assertThat(c.ask("hello")).isEqualTo("ok");
        int port = s.port();

        s.close();
        s.close();

        assertThat(c.in.readLine()).isNull();
        assertThat(s.clientCount()).isZero();
        assertThatThrownBy(() -> new Client(port).close()).isInstanceOf(IOException.class);
    }

    @Test
    void aClientLeavingDoesNotDisturbTheOthers() throws IOException {
        ControlServer s = server(line -> "ok");
        Client a = connect(s);
        Client b = connect(s);
        assertThat(a.ask("1")).isEqualTo("ok");

        a.close();

        assertThat(b.ask("2")).isEqualTo("ok");
        assertThat(connect(s).ask("3")).isEqualTo("ok");
    }

    @Test
    void idleClientsCannotLockOthersOutTheLongestSilentGivesWayAndIsToldWhy() throws IOException {
        ControlServer s = server(line -> "ok " + line);
        List<Client> seated = new ArrayList<>();
        for (int i = 0; i < ControlServer.MAX_CLIENTS; i++) {
            Client c = connect(s);
            assertThat(c.ask("hello " + i)).isEqualTo("ok hello " + i);
            seated.add(c);
        }
        // the first one speaks again: now the second has been silent the longest
        assertThat(seated.get(0).ask("still here")).isEqualTo("ok still here");

        Client newcomer = connect(s);

        assertThat(newcomer.ask("me too")).isEqualTo("ok me too");
        String said = seated.get(1).in.readLine();
        assertThat(said)
                .startsWith("error: closed to make room for a new client")
                .contains("at most " + ControlServer.MAX_CLIENTS)
                .contains("silent the longest");
        assertThat(seated.get(1).in.readLine()).isNull();
        assertThat(seated.get(0).ask("and again")).isEqualTo("ok and again");
        assertThat(seated.get(2).ask("and me")).isEqualTo("ok and me");
        assertThat(s.clientCount()).isEqualTo(ControlServer.MAX_CLIENTS);
    }

    @Test
    void clientsThatNeverSpokeGiveWayInTheOrderTheyCame() throws IOException {
        ControlServer s = server(line -> "ok");
        List<Client> seated = new ArrayList<>();
        for (int i = 0; i < ControlServer.MAX_CLIENTS; i++) {
            seated.add(connect(s));
        }
        assertThat(seated.get(ControlServer.MAX_CLIENTS - 1).ask("seated")).isEqualTo("ok");

        for (int i = 0; i < 3; i++) {
            assertThat(connect(s).ask("newcomer " + i)).isEqualTo("ok");
            assertThat(seated.get(i).in.readLine()).startsWith("error: closed to make room");
        }
        assertThat(seated.get(3).ask("still seated")).isEqualTo("ok");
    }

    @Test
    void aPortInUseIsAClearError() throws IOException {
        ControlServer s = server(line -> "ok");

        assertThatThrownBy(() -> ControlServer.start(s.port(), line -> "ok"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + s.port());
    }
}
