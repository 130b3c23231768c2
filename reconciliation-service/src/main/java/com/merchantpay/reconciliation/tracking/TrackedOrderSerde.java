package com.merchantpay.reconciliation.tracking;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The state store's own compact binary form of {@link TrackedOrder}. Private to this service (only
 * its changelog holds it), so it needs no registry; the leading version byte lets a later release
 * read what an earlier one wrote.
 */
final class TrackedOrderSerde implements Serde<TrackedOrder> {

    /** 2 adds {@code refundOf}; 1 (orders only) is still read. */
    private static final byte VERSION = 2;
    private static final byte FIRST_VERSION = 1;

    @Override
    public Serializer<TrackedOrder> serializer() {
        return (topic, order) -> order == null ? null : write(order);
    }

    @Override
    public Deserializer<TrackedOrder> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(TrackedOrder order) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(order.orderNo());
            text(out, order.traceId());
            instant(out, order.createdAt());
            instant(out, order.expiresAt());
            out.writeByte(order.phase().ordinal());
            instant(out, order.dueAt());
            out.writeInt(order.attemptsMade());
            instant(out, order.lastQueryAt());
            text(out, order.lastStatus());
            out.writeBoolean(order.finalStatusSeen());
            out.writeInt(order.unanswered());
            text(out, order.incarnation());
            text(out, order.endedBy());
            text(out, order.refundOf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static TrackedOrder read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION && version != FIRST_VERSION) {
                throw new SerializationException("unknown tracked-order version " + version);
            }
            return new TrackedOrder(in.readUTF(), text(in), instant(in), instant(in),
                    TrackedOrder.Phase.values()[in.readByte()], instant(in), in.readInt(), instant(in), text(in),
                    in.readBoolean(), in.readInt(), text(in), text(in), version == FIRST_VERSION ? null : text(in));
        } catch (IOException e) {
            throw new SerializationException("unreadable tracked order", e);
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String text(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void instant(DataOutputStream out, Instant value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.toEpochMilli());
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochMilli(in.readLong()) : null;
    }
}
