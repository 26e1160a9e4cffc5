using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Modbus.Profiles;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Modbus.Polling;

/// <summary>One poll of one device as its profile says: live devices are read block by block into one sample; record
/// devices are asked whether a new record exists (record count, NEW DATA bit), and each new record is selected by
/// index, read in one request, and handed on once (devices.md §1.1 "Sample cycle").</summary>
internal sealed class DeviceSampler(ModbusClientConnection connection, ModbusMetrics metrics, ILogger logger)
{
    /// <summary>Polls <paramref name="device"/>; adds the new samples to <paramref name="samples"/>.</summary>
    /// <exception cref="ModbusException">A request failed. Records read before it stay in <paramref name="samples"/> and must be
    /// handed on: they are marked as read.</exception>
    public void Poll(DeviceState device, DateTimeOffset receivedAt, List<SensorSample> samples)
    {
        var profile = device.Plan.Profile;
        connection.Select(device.Plan.UnitId, device.Plan.ResponseTimeout);
        if (!device.Initialised)
        {
            foreach (var command in profile.Init)
            {
                Run(profile, command);
                logger.CommandSent(device.Name, command);
            }
            device.Initialised = true;
        }
        if (profile.Sampling.Mode == SamplingMode.Live)
        {
            var snapshot = new RegisterSnapshot();
            foreach (var block in profile.Reads)
            {
                snapshot.Add(block, Read(block));
            }
            var sample = ToSample(device, snapshot, receivedAt, sequence: null);
            if (sample.Timestamp is { } t && device.LastRecordTime is { } last && t <= last)
            {
                metrics.Duplicate(device.Name);   // the device's clock has not moved: the same values, not a new sample
                return;
            }
            device.LastRecordTime = sample.Timestamp;
            samples.Add(sample);
            return;
        }
        PollRecords(device, receivedAt, samples);
    }

    private void PollRecords(DeviceState device, DateTimeOffset receivedAt, List<SensorSample> samples)
    {
        var profile = device.Plan.Profile;
        var rule = profile.Sampling;
        var snapshot = new RegisterSnapshot();
        var head = profile.Read(rule.Head!);
        snapshot.Add(head, Read(head));
        snapshot.TryDecodeRaw(profile.Point(rule.RecordCount!), out var countRaw);
        var count = (long)countRaw;
        var newData = rule.NewData is { } bit && snapshot.TryDecodeRaw(profile.Point(bit.Point), out var word) && ((long)word >> bit.Bit & 1) == 1;
        var previous = device.LastRecordCount;
        if (count <= 0)
        {
            device.LastRecordCount = count;
            return;   // no record yet
        }
        if (previous is { } last && count < last)
        {
            logger.RecordBufferCleared(device.Name, last, count);
            device.LastRecordIndex = null;
            ReadRecord(device, snapshot, rule.LatestIndex, count - 1, receivedAt, samples);
        }
        else if (previous is { } before && count > before)
        {
            var completed = count - before;
            if (completed == 1 || rule.MaxBackfill < completed)
            {
                if (completed > 1)
                {
                    logger.RecordsSkipped(device.Name, completed, rule.MaxBackfill);
                }
                ReadRecord(device, snapshot, rule.LatestIndex, count - 1, receivedAt, samples);
            }
            else
            {
                logger.Backfilling(device.Name, completed);
                for (var index = before; index < count; index++)
                {
                    ReadRecord(device, snapshot, index, index, receivedAt, samples);
                }
            }
        }
        else if (previous is null || newData)
        {
            // First poll, or a full ring buffer whose count no longer grows but which says NEW DATA.
            ReadRecord(device, snapshot, rule.LatestIndex, count - 1, receivedAt, samples);
        }
        // Only now: if a read above failed, the next poll sees the same records as new again and reads them.
        device.LastRecordCount = count;
    }

    private void ReadRecord(DeviceState device, RegisterSnapshot snapshot, long select, long index, DateTimeOffset receivedAt, List<SensorSample> samples)
    {
        var profile = device.Plan.Profile;
        Write(profile.Point(profile.Sampling.RecordIndex!), select);
        var block = profile.Read(profile.Sampling.Record!);
        snapshot.Add(block, Read(block));
        var sample = ToSample(device, snapshot, receivedAt, index);
        var isNewer = device.LastRecordIndex is not { } lastIndex || index > lastIndex
            || sample.Timestamp is { } t && device.LastRecordTime is { } lastTime && t > lastTime;
        if (!isNewer)
        {
            metrics.Duplicate(device.Name);   // the same record again: never counted twice
            return;
        }
        device.LastRecordIndex = index;
        device.LastRecordTime = sample.Timestamp ?? device.LastRecordTime;
        samples.Add(sample);
    }

    private SensorSample ToSample(DeviceState device, RegisterSnapshot snapshot, DateTimeOffset receivedAt, long? sequence)
    {
        var decoded = SampleDecoder.Decode(device.Plan.Profile, snapshot);
        if (decoded.Faults != device.LastFaults)
        {
            if (decoded.Faults == Core.Readings.SampleFaults.None)
            {
                logger.FaultsCleared(device.Name);
            }
            else
            {
                logger.FaultsReported(device.Name, decoded.Faults);
            }
            device.LastFaults = decoded.Faults;
        }
        if (decoded.Omitted.Count > 0)
        {
            metrics.Omitted(device.Name, decoded.Omitted.Count);
            var detail = string.Join("; ", decoded.Omitted);
            if (detail != device.LastOmitted)
            {
                logger.ChannelsOmitted(device.Name, detail);
            }
            device.LastOmitted = detail;
        }
        else
        {
            device.LastOmitted = null;
        }
        return new SensorSample(device.Plan.Sensor, decoded.Timestamp, receivedAt, decoded.Values, device.Origin, decoded.VolumeLitres, decoded.Faults, sequence);
    }

    private void Run(DeviceProfile profile, string command)
    {
        foreach (var write in profile.Commands[command])
        {
            Write(profile.Point(write.Point), write.Value);
        }
    }

    private ushort[] Read(ReadBlock block)
    {
        var registers = new ushort[block.Count];
        connection.Read(block.Table, block.Address, registers);
        return registers;
    }

    // Raw values; a negative value in a 16-bit register is its two's complement (Lighthouse "write -1 = latest").
    // 32-bit values are written as two FC06 writes, as Lighthouse maps list no FC16 (devices.md §1.1).
    private void Write(ProfilePoint point, long raw)
    {
        Span<ushort> registers = stackalloc ushort[2];
        if (point.Width == 1)
        {
            registers[0] = unchecked((ushort)raw);
        }
        else
        {
            RegisterCodec.EncodeRaw(raw, point.Type, point.Order, registers);
        }
        for (var i = 0; i < point.Width; i++)
        {
            connection.Write(point.Address + i, registers[i]);
        }
    }
}
