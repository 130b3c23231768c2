package com.merchantpay.notify.outcome;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The state store's own compact binary format, versioned by its first byte. It is internal (the
 * changelog topic belongs to this service alone), so it stays out of the public schemas; written by
 * hand so that every byte is explicit and a field can only be added by bumping {@link #VERSION}.
 */
final class SettlementSerde implements Serde<OrderSettlement> {

    /** 2: findings name their subject (a refund's id), and the refund book follows the settlement. 1 is still read. */
    static final byte VERSION = 2;
    private static final byte FIRST_VERSION = 1;

    @Override
    public Serializer<OrderSettlement> serializer() {
        return (topic, settlement) -> settlement == null ? null : write(settlement);
    }

    @Override
    public Deserializer<OrderSettlement> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(OrderSettlement settlement) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeText(out, settlement.phase().name());
            writeExpected(out, settlement.expected());
            out.writeInt(settlement.waiting().size());
            for (OrderSettlement.BufferedFinding waiting : settlement.waiting()) {
                writeFinding(out, waiting.finding());
                out.writeLong(waiting.bufferedAtMillis());
                out.writeBoolean(waiting.alerted());
            }
            out.writeBoolean(settlement.refundRequired());
            out.writeInt(settlement.refundsRecorded());
            out.writeInt(settlement.findingsIgnored());
            out.writeInt(settlement.mismatchesAlerted().size());
            for (String findingEventId : settlement.mismatchesAlerted()) {
                writeText(out, findingEventId);
            }
            writeBook(out, settlement.book());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static OrderSettlement read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION && version != FIRST_VERSION) {
                throw new SerializationException("unknown order settlement format version " + version);
            }
            SettlementPhase phase = SettlementPhase.valueOf(readText(in));
            ExpectedPayment expected = readExpected(in);
            int count = in.readInt();
            List<OrderSettlement.BufferedFinding> waiting = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                waiting.add(new OrderSettlement.BufferedFinding(readFinding(in, version), in.readLong(), in.readBoolean()));
            }
            boolean refundRequired = in.readBoolean();
            int refundsRecorded = in.readInt();
            int findingsIgnored = in.readInt();
            int mismatches = in.readInt();
            List<String> mismatchesAlerted = new ArrayList<>(mismatches);
            for (int i = 0; i < mismatches; i++) {
                mismatchesAlerted.add(readText(in));
            }
            RefundBook book = version == FIRST_VERSION ? bookBeforeRefunds(phase, expected, refundRequired) : readBook(in);
            return new OrderSettlement(phase, expected, waiting, refundRequired, refundsRecorded, findingsIgnored,
                    mismatchesAlerted, book);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("unreadable order settlement", e);
        }
    }

    /**
     * Version 1 kept no book; what was taken follows from the phase: a paid order took its amount,
     * and money that arrived after the order ended (refundRequired) took the order's amount too, as
     * a late payment of another amount was an alert then, never a RefundRequired. Without this an
     * order paid before the upgrade could never be refunded.
     */
    private static RefundBook bookBeforeRefunds(SettlementPhase phase, ExpectedPayment expected, boolean refundRequired) {
        boolean taken = phase == SettlementPhase.PAID || refundRequired;
        return taken && expected != null ? RefundBook.nothingTaken().taken(expected.amountMinor(), expected.currency())
                : RefundBook.nothingTaken();
    }

    private static void writeExpected(DataOutputStream out, ExpectedPayment expected) throws IOException {
        out.writeBoolean(expected != null);
        if (expected != null) {
            out.writeLong(expected.amountMinor());
            writeText(out, expected.currency());
            writeText(out, expected.traceId());
        }
    }

    private static ExpectedPayment readExpected(DataInputStream in) throws IOException {
        return in.readBoolean() ? new ExpectedPayment(in.readLong(), readText(in), readText(in)) : null;
    }

    private static void writeBook(DataOutputStream out, RefundBook book) throws IOException {
        out.writeLong(book.takenMinor());
        writeText(out, book.currency());
        out.writeInt(book.refunds().size());
        for (RefundBook.Refund refund : book.refunds()) {
            writeText(out, refund.refundId());
            out.writeLong(refund.amountMinor());
            writeText(out, refund.state().name());
            writeText(out, refund.traceId());
        }
    }

    private static RefundBook readBook(DataInputStream in) throws IOException {
        long taken = in.readLong();
        String currency = readText(in);
        int count = in.readInt();
        List<RefundBook.Refund> refunds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            refunds.add(new RefundBook.Refund(readText(in), in.readLong(), RefundBook.State.valueOf(readText(in)), readText(in)));
        }
        return new RefundBook(taken, currency, refunds);
    }

    private static void writeFinding(DataOutputStream out, Finding finding) throws IOException {
        writeText(out, finding.eventId());
        writeText(out, finding.source());
        writeText(out, finding.subjectId());
        writeText(out, finding.transactionType());
        writeText(out, finding.status());
        out.writeBoolean(finding.amountMinor() != null);
        if (finding.amountMinor() != null) {
            out.writeLong(finding.amountMinor());
        }
        writeText(out, finding.currency());
        writeText(out, finding.pspReference());
        writeText(out, finding.errorCode());
        writeText(out, finding.errorMessage());
        out.writeLong(finding.occurredAtMillis());
        writeText(out, finding.traceId());
    }

    private static Finding readFinding(DataInputStream in, byte version) throws IOException {
        String eventId = readText(in);
        String source = readText(in);
        String subjectId = version == FIRST_VERSION ? null : readText(in);
        String transactionType = readText(in);
        String status = readText(in);
        Long amount = in.readBoolean() ? in.readLong() : null;
        return new Finding(eventId, source, subjectId, transactionType, status, amount, readText(in), readText(in),
                readText(in), readText(in), in.readLong(), readText(in));
    }

    /** Length-prefixed UTF-8, -1 for null (writeUTF would cap a value at 64 KiB). */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
