using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Modbus.Profiles;

namespace CleanroomMonitor.Modbus.Server;

/// <summary>A simulated instrument driven by the same <see cref="DeviceProfile"/> the poller reads with: it encodes
/// readings into its <see cref="Unit"/>'s registers by the exact inverse of the decoder. In records mode it keeps a
/// record buffer like a particle counter: each <see cref="Present"/> completes a record (count + 1, NEW DATA set; once the
/// profile's buffer size is reached the oldest record goes and the count stays),
/// writing the record index selects the record shown in the record block, reading the record block clears NEW DATA,
/// and the <c>start</c>/<c>stop</c> commands set and clear the running bit (docs/instruments.md §1.1).</summary>
public sealed class ProfileDevice : IDisposable
{
    private readonly List<ushort[]> _records = [];
    private readonly ReadBlock? _recordBlock;
    private long _presented;

    /// <param name="profile">The register map.</param>
    /// <param name="unitId">The unit id (TCP) or slave address (RTU).</param>
    /// <param name="sampleTime">The sample time the device reports (records mode and volume).</param>
    /// <param name="flowLitresPerMinute">The flow the device reports. Default: 28.3 L/min (1 CFM).</param>
    public ProfileDevice(DeviceProfile profile, int unitId, TimeSpan sampleTime, double flowLitresPerMinute = 28.316846592)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
        SampleTime = sampleTime;
        FlowLitresPerMinute = flowLitresPerMinute;
        Unit = new ModbusUnit(unitId, profile.TableSize(RegisterTable.Holding), profile.TableSize(RegisterTable.Input));
        _recordBlock = profile.Sampling.Record is { } record ? profile.Read(record) : null;
        Unit.Served = OnServed;
        Unit.Update(_ => Initialise());
    }

    public DeviceProfile Profile { get; }

    public ModbusUnit Unit { get; }

    public TimeSpan SampleTime { get; }

    public double FlowLitresPerMinute { get; }

    /// <summary>True while sampling: always for a profile without a simulator running bit; otherwise after <c>start</c>.</summary>
    public bool IsRunning => Profile.Running is not { } running || ((long)ReadPoint(running.Point) >> running.Bit & 1) == 1;

    /// <summary>Records completed (records mode) or readings presented (live mode).</summary>
    public long Presented => Interlocked.Read(ref _presented);

    /// <summary>Shows a reading: live mode writes the registers, records mode completes a record (only while running).</summary>
    /// <returns>False when a records-mode device is not running and so made no record.</returns>
    public bool Present(DeviceReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var presented = false;
        Unit.Update(_ =>
        {
            if (Profile.Sampling.Mode == SamplingMode.Live)
            {
                WriteReading(reading, block: null, target: null);
                presented = true;
                return;
            }
            if (!IsRunning)
            {
                return;
            }
            var record = new ushort[_recordBlock!.Count];
            WriteReading(reading, _recordBlock, record);
            _records.Add(record);
            if (Profile.Sampling.BufferSize is { } size && _records.Count > size)
            {
                _records.RemoveAt(0);   // a full buffer drops its oldest record: every index now shows the next newer one
            }
            WritePoint(Profile.Sampling.RecordCount!, _records.Count);
            if (Profile.Sampling.NewData is { } newData)
            {
                SetBit(newData, true);
            }
            var selected = SelectedIndex();
            Expose(selected == Profile.Sampling.LatestIndex ? _records.Count - 1 : (int)selected);
            presented = true;
        });
        if (presented)
        {
            Interlocked.Increment(ref _presented);
        }
        return presented;
    }

    /// <summary>Empties the record buffer (Lighthouse command 3, "clear data buffer"): the record count goes to 0.</summary>
    public void ClearRecords() => Unit.Update(_ =>
    {
        _records.Clear();
        if (Profile.Sampling.RecordCount is { } count)
        {
            WritePoint(count, 0);
            Expose(-1);
        }
    });

    public void Dispose() => Unit.Dispose();

    private void Initialise()
    {
        if (Profile.Volume is { FlowPoint: { } flow, SampleSecondsPoint: { } seconds })
        {
            var flowPoint = Profile.Point(flow);
            WritePoint(flow, flowPoint.Unit == "ft3/min" ? FlowLitresPerMinute / SampleDecoder.LitresPerCubicFoot : FlowLitresPerMinute);
            // The configured sample time also sits in the head block when the profile maps it there.
            if (!_recordBlock?.Contains(Profile.Point(seconds)) ?? true)
            {
                WritePoint(seconds, SampleTime.TotalSeconds);
            }
        }
        foreach (var point in Profile.Points.Where(p => p.Id != Profile.Sampling.RecordIndex))
        {
            if (point.Parameter is null && point.FaultBits.Count == 0 && point.Bits.Count > 0 && IsMask(point))
            {
                WritePoint(point.Id, AllBits(point));
            }
        }
        if (Profile.Sampling.RecordIndex is { } index)
        {
            WritePoint(index, Profile.Sampling.LatestIndex);
        }
    }

    private bool IsMask(ProfilePoint point) => Profile.Points.Any(p => p.ValidIf?.Point == point.Id);

    private static double AllBits(ProfilePoint point) => point.Width == 1 ? ushort.MaxValue : uint.MaxValue;

    private void WriteReading(DeviceReading reading, ReadBlock? block, ushort[]? target)
    {
        foreach (var point in Profile.Points)
        {
            if (block is not null && !block.Contains(point))
            {
                continue;
            }
            double? value = point switch
            {
                { Parameter: { } p } => reading.Values.TryGetValue(p, out var v) ? v : null,
                _ when point.Id == Profile.Sampling.Timestamp => reading.Timestamp.ToUnixTimeSeconds(),
                _ when point.Id == Profile.Volume?.SampleSecondsPoint => SampleTime.TotalSeconds,
                _ when point.FaultBits.Count > 0 => FaultWord(point, reading.Faults),
                _ when IsMask(point) => AllBits(point),
                _ => null,
            };
            if (value is not { } v2)
            {
                continue;
            }
            if (target is null)
            {
                WritePoint(point.Id, v2);
            }
            else
            {
                RegisterCodec.Encode(point, v2, target.AsSpan(point.Address - block!.Address, point.Width));
            }
        }
    }

    private static double FaultWord(ProfilePoint point, SampleFaults faults)
    {
        long word = 0;
        foreach (var (bit, fault) in point.FaultBits)
        {
            if ((faults & fault) != 0)
            {
                word |= 1L << bit;
            }
        }
        return word;
    }

    // Runs under the unit's lock, after the server answered a client.
    private void OnServed(ModbusUnit unit, RegisterAccess access)
    {
        if (access.IsWrite)
        {
            if (Profile.Sampling.RecordIndex is { } index && access.Touches(Profile.Point(index).Address))
            {
                var selected = SelectedIndex();
                Expose(selected == Profile.Sampling.LatestIndex ? _records.Count - 1 : (int)selected);
            }
            var commandPoints = Profile.Commands.Values.SelectMany(w => w).Select(w => w.Point).Distinct()
                .Where(p => access.Touches(Profile.Point(p).Address)).ToList();
            foreach (var point in commandPoints)
            {
                var written = ReadPoint(point);
                foreach (var (name, writes) in Profile.Commands)
                {
                    if (writes.Any(w => w.Point == point && w.Value == written) && Profile.Running is { } running && name is "start" or "stop")
                    {
                        SetBit(running, name == "start");
                    }
                }
                // A command register always reads 0 (Lighthouse 40002): the action is done when the reply is sent.
                WritePoint(point, 0);
            }
        }
        else if (_recordBlock is not null && access.Table == _recordBlock.Table && access.Touches(_recordBlock.Address) && Profile.Sampling.NewData is { } newData)
        {
            SetBit(newData, false);   // NEW DATA clears when the record is read (Lighthouse 40003 bit 2)
        }
    }

    private double SelectedIndex() => ReadPoint(Profile.Sampling.RecordIndex!);

    private void Expose(int index)
    {
        var target = Unit.Table(_recordBlock!.Table, _recordBlock.Address, _recordBlock.Count);
        if (index >= 0 && index < _records.Count)
        {
            _records[index].CopyTo(target);
        }
        else
        {
            target.Clear();
        }
    }

    private double ReadPoint(string id)
    {
        var point = Profile.Point(id);
        return RegisterCodec.Decode(point, Unit.Table(point.Table, point.Address, point.Width));
    }

    private void WritePoint(string id, double value)
    {
        var point = Profile.Point(id);
        RegisterCodec.Encode(point, value, Unit.Table(point.Table, point.Address, point.Width));
    }

    private void SetBit(BitReference bit, bool on)
    {
        var point = Profile.Point(bit.Point);
        var registers = Unit.Table(point.Table, point.Address, point.Width);
        var word = (long)RegisterCodec.DecodeRaw(registers, point.Type, point.Order);
        word = on ? word | 1L << bit.Bit : word & ~(1L << bit.Bit);
        if (point.Type is PointType.Int16)
        {
            word = (short)(ushort)word;
        }
        else if (point.Type is PointType.Int32)
        {
            word = (int)(uint)word;
        }
        RegisterCodec.EncodeRaw(word, point.Type, point.Order, registers);
    }
}
