using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Modbus.Profiles;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Modbus.Records;

/// <summary>Reads the new records of a record device (particle counter), each by its explicit index, oldest first and
/// each once. Never by the device's "latest" index: the newest record can change between reading the count and
/// reading the record, and then one record is read twice and the one before it never (docs/instruments.md §1.1, Modbus README
/// "Record read-back").</summary>
/// <remarks>Three ways, chosen each poll from the record count and what the device state knows:
/// <list type="bullet">
/// <item>first contact (no stored record): the newest record only; what the device held before is not monitoring data
/// of this service;</item>
/// <item>forward: the index of the last record is known good and the buffer grows: read the indices after it;</item>
/// <item>walk: anything else (after a restart or a failed poll, a cleared or a full, shifting buffer): read down from
/// the newest record to the last stored one, by timestamp (<see cref="RecordWalk"/>).</item>
/// </list></remarks>
internal sealed class RecordReader(ModbusClientConnection connection, ModbusMetrics metrics, ILogger logger)
{
    /// <summary>Reads what is new after <paramref name="head"/> (the head block just read).</summary>
    /// <param name="handOn">Receives each record to hand on, oldest first; the device's cursor already points at it.</param>
    /// <param name="raise">Receives a data-gap event when records the device completed are no longer in its buffer.</param>
    /// <exception cref="ModbusException">A request failed; the records handed on before it stay handed on.</exception>
    public void Read(DeviceState device, RegisterSnapshot head, DateTimeOffset now, Action<RecordRead> handOn, Action<SourceEvent> raise)
    {
        var rule = device.Plan.Profile.Sampling;
        head.TryDecodeRaw(device.Plan.Profile.Point(rule.RecordCount!), out var raw);
        var count = (long)raw;
        var newData = rule.NewData is { } bit && head.TryDecodeRaw(device.Plan.Profile.Point(bit.Point), out var word) && ((long)word >> bit.Bit & 1) == 1;
        var previous = device.LastRecordCount;
        device.LastRecordCount = count;
        if (previous is { } before && count < before)
        {
            logger.RecordBufferCleared(device.Name, before, count);
            var wasVerified = device.IndexVerified;
            device.IndexVerified = false;
            if (wasVerified && device.Walk is null && device.Cursor is { Index: >= 0 } read && read.Index + 1 < before)
            {
                // Cleared before the poller had read what it held.
                var missing = before - read.Index - 1;
                metrics.Skipped(device.Name, missing);
                logger.RecordsLost(device.Name, read.Time, null, missing);
                raise(new SourceEvent(SourceEventKind.DataGap, [device.Plan.Sensor], device.Origin,
                    $"{missing} record(s) completed after {Format(read.Time)} were cleared from the device's buffer before they were read", now, read.Time ?? now));
            }
        }
        if (count <= 0)
        {
            if (device.Walk is { Collected.Count: > 0 } cut && device.Cursor is { } stored)
            {
                // Cleared in the middle of a walk: what it read is real and newer than the stored record; what it had not
                // reached yet is gone.
                Finish(device, cut, stored, reachedStored: false, now, handOn, raise);
            }
            // An empty buffer: whatever comes next is new, from index 0 on.
            device.Walk = null;
            device.Cursor = new RecordCursor(-1, device.Cursor?.Time);
            device.IndexVerified = true;
            return;
        }
        if (device.Cursor is not { } cursor)
        {
            var newest = ReadAt(device, head, count - 1);
            HandOn(device, newest, handOn);
            device.IndexVerified = true;
            return;
        }
        if (device.Walk is null)
        {
            // Forward only while the buffer cannot shift under the reads: it is below its declared size, or (size unknown)
            // it grew, which a full buffer does not.
            var cannotShift = rule.BufferSize is { } size ? count < size : previous is { } last && count > last;
            if (device.IndexVerified && count > cursor.Index + 1 && cannotShift)
            {
                ReadForward(device, head, cursor, count, handOn);
                return;
            }
            if (device.IndexVerified && count == cursor.Index + 1)
            {
                // Nothing new by the count. A full buffer shifts instead of growing: look at its newest record when the
                // device says NEW DATA, when it has no such bit, or when the last walk saw it shift.
                if (!newData && rule.NewData is not null && !device.Recheck)
                {
                    return;
                }
                device.Recheck = false;
                var newest = ReadAt(device, head, count - 1);
                if (!cursor.IsBefore(newest.Cursor))
                {
                    return;
                }
                device.Walk = new RecordWalk(count - 1) { Next = count - 2 };
                device.Walk.Collected.Add(newest);
            }
            else
            {
                device.Walk = new RecordWalk(count - 1);
            }
        }
        Walk(device, head, cursor, count, now, handOn, raise);
    }

    private void ReadForward(DeviceState device, RegisterSnapshot head, RecordCursor cursor, long count, Action<RecordRead> handOn)
    {
        var last = Math.Min(count - 1, cursor.Index + device.Plan.Profile.Sampling.MaxBackfill);
        if (last - cursor.Index > 1)
        {
            logger.Backfilling(device.Name, last - cursor.Index, count - 1 - cursor.Index);
        }
        for (var index = cursor.Index + 1; index <= last; index++)
        {
            var record = ReadAt(device, head, index);
            if (!device.Cursor!.Value.IsBefore(record.Cursor))
            {
                // Not newer than what was handed on: the buffer moved under the poller. Read it down by time next poll.
                metrics.ReadTwice(device.Name);
                device.IndexVerified = false;
                return;
            }
            HandOn(device, record, handOn);
        }
    }

    private void Walk(DeviceState device, RegisterSnapshot head, RecordCursor cursor, long count, DateTimeOffset now, Action<RecordRead> handOn, Action<SourceEvent> raise)
    {
        var walk = device.Walk!;
        var rule = device.Plan.Profile.Sampling;
        for (var reads = 0; reads < rule.MaxBackfill; reads++)
        {
            if (walk.Next < 0)
            {
                Finish(device, walk, cursor, reachedStored: false, now, handOn, raise);
                return;
            }
            var record = ReadAt(device, head, Math.Min(walk.Next, count - 1));
            walk.Next = Math.Min(walk.Next, count - 1) - 1;
            if (walk.Collected.Count == 0 && record.Index == walk.Top && record.Cursor.IsBefore(cursor))
            {
                // The newest record is older than the last one stored: the device clock was set back (or another device
                // answers at this address). Waiting for its time to pass the stored one would ignore its records for as
                // long; start again from its newest record, as at first contact, and say so.
                logger.RecordClockWentBack(device.Name, cursor.Time, record.Time);
                device.Walk = null;
                device.IndexVerified = true;
                HandOn(device, record, handOn);
                return;
            }
            if (!cursor.IsBefore(record.Cursor))
            {
                Finish(device, walk, cursor, reachedStored: true, now, handOn, raise);
                return;
            }
            if (walk.Collected.Count > 0 && !record.Cursor.IsBefore(walk.Collected[^1].Cursor))
            {
                walk.SawShift = true;   // met again: the buffer shifted during the walk
                metrics.ReadTwice(device.Name);
                continue;
            }
            walk.Collected.Add(record);
        }
        logger.Backfilling(device.Name, walk.Collected.Count, walk.Next + 1);
    }

    private void Finish(DeviceState device, RecordWalk walk, RecordCursor cursor, bool reachedStored, DateTimeOffset now, Action<RecordRead> handOn,
        Action<SourceEvent> raise)
    {
        device.Walk = null;
        device.IndexVerified = !walk.SawShift;
        device.Recheck = walk.SawShift;
        if (walk.Collected.Count == 0)
        {
            return;
        }
        if (!reachedStored && cursor.Index >= 0)
        {
            // Every record left in the buffer is newer than the last stored one: those in between are gone (the buffer
            // was cleared, or overflowed while the service or the connection was down).
            var oldest = walk.Collected[^1];
            var missing = Missing(cursor, walk.Collected);
            metrics.Skipped(device.Name, missing);
            logger.RecordsLost(device.Name, cursor.Time, oldest.Time, missing);
            raise(new SourceEvent(SourceEventKind.DataGap, [device.Plan.Sensor], device.Origin,
                $"about {missing} record(s) completed after {Format(cursor.Time)} and before {Format(oldest.Time)} are no longer in the device's buffer",
                now, cursor.Time ?? oldest.Time ?? now));
        }
        if (walk.Collected.Count > 1)
        {
            logger.RecordsReadBack(device.Name, walk.Collected.Count);
        }
        for (var i = walk.Collected.Count - 1; i >= 0; i--)
        {
            HandOn(device, walk.Collected[i], handOn);
        }
    }

    private static void HandOn(DeviceState device, RecordRead record, Action<RecordRead> handOn)
    {
        device.Cursor = record.Cursor;
        handOn(record);
    }

    // How many records fell between the stored one and the oldest still buffered, from the spacing of the records read.
    private static long Missing(RecordCursor stored, List<RecordRead> newestFirst)
    {
        var oldest = newestFirst[^1];
        if (stored.Time is not { } from || oldest.Time is not { } to || newestFirst.Count < 2 || newestFirst[0].Time is not { } newest)
        {
            return 1;
        }
        var spacing = (newest - to) / (newestFirst.Count - 1);
        return spacing > TimeSpan.Zero ? Math.Max(1, (long)Math.Round((to - from) / spacing) - 1) : 1;
    }

    private static string Format(DateTimeOffset? time) => time?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "(no device time)";

    private RecordRead ReadAt(DeviceState device, RegisterSnapshot head, long index)
    {
        var profile = device.Plan.Profile;
        connection.Write(profile.Point(profile.Sampling.RecordIndex!), index);
        var block = profile.Read(profile.Sampling.Record!);
        var registers = new RegisterSnapshot();
        foreach (var (headBlock, values) in head.Blocks)
        {
            registers.Add(headBlock, values);
        }
        registers.Add(block, connection.Read(block));
        return new RecordRead(index, SampleDecoder.Timestamp(profile, registers), registers);
    }
}
