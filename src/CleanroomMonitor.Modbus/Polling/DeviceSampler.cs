using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Modbus.Profiles;
using CleanroomMonitor.Modbus.Records;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Modbus.Polling;

/// <summary>One poll of one device as its profile says: live devices are read block by block into one sample; record
/// devices are read by <see cref="RecordReader"/>, every new record once, by its explicit index. Before either, a device
/// whose status says it is not running is sent the profile's init commands (docs/instruments.md §1.1 "Sample cycle").</summary>
internal sealed class DeviceSampler(ModbusClientConnection connection, ModbusMetrics metrics, RecordCursorStore cursors, ILogger logger)
{
    /// <summary>A device told to start is given this long to say it runs before it is told again: a counter's status
    /// may lag the command, and a start sent while it samples aborts the sample in progress.</summary>
    private static readonly TimeSpan InitRetry = TimeSpan.FromMinutes(1);

    private readonly RecordReader _records = new(connection, metrics, logger);

    /// <summary>Polls <paramref name="device"/>; adds the new samples to <paramref name="samples"/>.</summary>
    /// <exception cref="ModbusException">A request failed. Records read before it stay in <paramref name="samples"/> and must be
    /// handed on: they are marked as read.</exception>
    public void Poll(DeviceState device, DateTimeOffset receivedAt, List<SensorSample> samples, Action<SourceEvent> raise)
    {
        var profile = device.Plan.Profile;
        connection.Select(device.Plan.UnitId, device.Plan.ResponseTimeout);
        var snapshot = new RegisterSnapshot();
        if (profile.Sampling.Mode == SamplingMode.Live)
        {
            foreach (var block in profile.Reads)
            {
                snapshot.Add(block, connection.Read(block));
            }
            EnsureRunning(device, snapshot, receivedAt);
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
        var head = profile.Read(profile.Sampling.Head!);
        snapshot.Add(head, connection.Read(head));
        EnsureRunning(device, snapshot, receivedAt);
        _records.Read(device, snapshot, receivedAt, record =>
        {
            var cursor = record.Cursor;
            var sensor = device.Plan.Sensor;
            samples.Add(ToSample(device, record.Registers, receivedAt, record.Index) with { Acknowledge = () => cursors.Acknowledge(sensor, cursor) });
        }, raise);
    }

    // Init commands (a counter's "start") are for a device that is not running, never for a re-opened connection: on a
    // real counter a start can abort the sample in progress. With a running bit the status decides; without one they
    // are sent once, at the first contact after the service started.
    private void EnsureRunning(DeviceState device, RegisterSnapshot snapshot, DateTimeOffset now)
    {
        var profile = device.Plan.Profile;
        if (profile.Init.Count == 0)
        {
            return;
        }
        (string Code, string Text) reason;
        if (profile.Running is { } running && snapshot.TryDecodeRaw(profile.Point(running.Point), out var word))
        {
            if (((long)word >> running.Bit & 1) == 1)
            {
                device.Initialised = true;
                device.InitSentAt = null;   // running: if it stops later (a power cycle), it is told at once
                return;
            }
            reason = ("not-running", "its status says it is not running");
        }
        else if (device.Initialised)
        {
            return;
        }
        else
        {
            reason = ("first-contact", "this is the first contact since the service started and the profile has no running bit");
        }
        if (device.InitSentAt is { } sent)
        {
            if (now - sent < InitRetry)
            {
                return;
            }
            logger.StillNotRunning(device.Name, now - sent);
        }
        foreach (var command in profile.Init)
        {
            foreach (var write in profile.Commands[command])
            {
                connection.Write(profile.Point(write.Point), write.Value);
            }
            metrics.Command(device.Name, command, reason.Code);
            logger.CommandSent(device.Name, command, reason.Text);
        }
        device.InitSentAt = now;
        device.Initialised = true;
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
}
