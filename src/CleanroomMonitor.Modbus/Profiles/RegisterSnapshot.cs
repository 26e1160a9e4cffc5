namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>The registers read in one poll, block by block: what the decoder works on. A point is decoded from the
/// first block that contains it, so a record's values always come from one consistent read.</summary>
public sealed class RegisterSnapshot
{
    private readonly List<(ReadBlock Block, ushort[] Registers)> _blocks = [];

    public void Add(ReadBlock block, ushort[] registers)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(registers);
        if (registers.Length != block.Count)
        {
            throw new ArgumentException($"Block '{block.Name}' has {block.Count} registers, got {registers.Length}.", nameof(registers));
        }
        _blocks.RemoveAll(b => b.Block.Name == block.Name);
        _blocks.Add((block, registers));
    }

    /// <summary>The blocks read, in the order they were added.</summary>
    public IEnumerable<(ReadBlock Block, ushort[] Registers)> Blocks => _blocks;

    public void Remove(string blockName) => _blocks.RemoveAll(b => b.Block.Name == blockName);

    public bool TryGet(ProfilePoint point, out ReadOnlySpan<ushort> registers)
    {
        ArgumentNullException.ThrowIfNull(point);
        foreach (var (block, values) in _blocks)
        {
            if (block.Contains(point))
            {
                registers = values.AsSpan(point.Address - block.Address, point.Width);
                return true;
            }
        }
        registers = default;
        return false;
    }

    public bool TryDecode(ProfilePoint point, out double value)
    {
        if (TryGet(point, out var registers))
        {
            value = RegisterCodec.Decode(point, registers);
            return true;
        }
        value = double.NaN;
        return false;
    }

    public bool TryDecodeRaw(ProfilePoint point, out double raw)
    {
        if (TryGet(point, out var registers))
        {
            raw = RegisterCodec.DecodeRaw(registers, point.Type, point.Order);
            return true;
        }
        raw = double.NaN;
        return false;
    }
}
