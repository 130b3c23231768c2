package com.merchantpay.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a real server (the registry, say) that can be told to stall: while
 * stalled it accepts connections and takes requests but passes nothing on and answers nothing,
 * on new and already open connections alike, exactly like a server that hangs. Lets a test show
 * what a client does when the registry accepts a lookup and never answers. {@link #stallBodies()}
 * hangs later: an HTTP answer's status line and headers pass, its body does not.
 */
public final class StallingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean stalled;
    private volatile boolean bodiesStalled;
    private volatile boolean closed;

    private StallingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("stalling-proxy-accept").start(this::accept);
    }

    /** A proxy to {@code host:port}, passing everything on until {@link #stall()}. */
    public static StallingProxy to(String host, int port) {
        try {
            return new StallingProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: use it instead of the real server's URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public void stall() {
        stalled = true;
    }

    /** Answers pass up to the end of their headers and no further, until {@link #release()}. */
    public void stallBodies() {
        bodiesStalled = true;
    }

    public void release() {
        synchronized (gate) {
            stalled = false;
            bodiesStalled = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        release();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(StallingProxy::closeQuietly);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream, false));
                Thread.ofVirtual().start(() -> pump(upstream, client, true));
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                awaitRelease();
                int passed = answers && bodiesStalled ? endOfHeaders(buffer, read) : 0;
                out.write(buffer, 0, passed);
                out.flush();
                awaitBodiesReleased(passed < read);
                out.write(buffer, passed, read - passed);
                out.flush();
            }
        } catch (IOException | InterruptedException ignored) {
            // one side closed: the connection is over
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void awaitRelease() throws InterruptedException {
        synchronized (gate) {
            while (stalled && !closed) {
                gate.wait();
            }
        }
    }

    private void awaitBodiesReleased(boolean bodyHeldBack) throws InterruptedException {
        synchronized (gate) {
            while (bodyHeldBack && bodiesStalled && !closed) {
                gate.wait();
            }
        }
    }

    /** Bytes up to and including the blank line after the headers; all of them if there is none. */
    private static int endOfHeaders(byte[] buffer, int length) {
        for (int i = 3; i < length; i++) {
            if (buffer[i - 3] == '\r' && buffer[i - 2] == '\n' && buffer[i - 1] == '\r' && buffer[i] == '\n') {
                return i + 1;
            }
        }
        return length;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
