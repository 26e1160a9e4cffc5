using System.Globalization;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Modbus.Native;

namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>Reads and validates device profiles (JSON, comments and trailing commas allowed; format in the README).
/// Every problem is collected in one pass and reported with the file, the JSON path and the bad value, so a bad
/// profile stops start-up with a message an engineer can act on.</summary>
public static partial class ProfileReader
{
    /// <summary>The JSON Schema of a device profile (committed as deploy/config/schemas/device-profile.schema.json),
    /// generated from the model this reader deserializes into.</summary>
    public static string JsonSchema => ConfigSchema.Generate(ProfileFileContext.Default.ProfileFile, "Modbus device profile",
        "The register map of one Modbus instrument model for CleanroomMonitor: which registers hold which measured channel, how to decode them, and how samples are read.");

    private static readonly IReadOnlyDictionary<string, SampleFaults> FaultNames = new Dictionary<string, SampleFaults>(StringComparer.Ordinal)
    {
        ["laser"] = SampleFaults.Laser,
        ["flow"] = SampleFaults.Flow,
        ["overflow"] = SampleFaults.Overflow,
        ["service"] = SampleFaults.Service,
        ["sampler"] = SampleFaults.Sampler,
        ["calibration"] = SampleFaults.Calibration,
        ["other"] = SampleFaults.Other,
    };

    /// <summary>Reads every <c>*.json</c> profile in <paramref name="folder"/>, keyed by profile id.</summary>
    /// <exception cref="ConfigurationException">A profile is invalid (all problems of all files listed).</exception>
    public static IReadOnlyDictionary<string, DeviceProfile> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ConfigurationException([new ConfigError(folder, "$", null, "a folder of device profiles (*.json)")]);
        }
        var errors = new List<ConfigError>();
        var profiles = new Dictionary<string, DeviceProfile>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var profile = Load(file);
                if (!profiles.TryAdd(profile.Id, profile))
                {
                    errors.Add(new ConfigError(file, "$.id", profile.Id, $"a profile id not used by another file ({profiles[profile.Id].File} has it)"));
                }
            }
            catch (ConfigurationException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }
        return errors.Count > 0 ? throw new ConfigurationException(errors) : profiles;
    }

    public static DeviceProfile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException([new ConfigError(path, "$", null, $"a readable device profile ({ex.Message})")]);
        }
        return Parse(text, path);
    }

    public static DeviceProfile Parse(string json, string fileName)
    {
        var file = ConfigJson.Deserialize(json, fileName, ProfileFileContext.Default.ProfileFile, "device profile");
        return new Validation(fileName).Run(file);
    }

    [GeneratedRegex(ProfileFile.IdPattern)]
    private static partial Regex IdPattern();

    [GeneratedRegex(ProfileFile.NamePattern)]
    private static partial Regex NamePattern();

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Validation(string fileName)
    {
        private readonly List<ConfigError> _errors = [];

        public DeviceProfile Run(ProfileFile file)
        {
            var id = file.Id;
            if (id is null || !IdPattern().IsMatch(id))
            {
                Error("$.id", id, "a profile id of 1-63 lowercase letters, digits, '.', '-' or '_'");
            }
            else if (Path.GetFileNameWithoutExtension(fileName) != id && Path.GetExtension(fileName) == ".json")
            {
                Error("$.id", id, $"the file name without .json ('{Path.GetFileNameWithoutExtension(fileName)}'), so configurations find profiles by file");
            }
            if (file.Source?.Status is { } status && !ProfileSourceFile.Statuses.Contains(status))
            {
                Error("$.source.status", status, "confirmed, inferred or synthetic");
            }
            // The model's initializers are the built-in defaults; they also stand in for a value that is wrong, so
            // the rest of the profile is still checked.
            var defaults = file.Defaults ?? new ProfileDefaultsFile();
            var defaultOrder = ParseOrder(new ProfileDefaultsFile().Order, wide: true)!.Value;
            if (ParseOrder(defaults.Order, wide: true) is { } parsedDefault)
            {
                defaultOrder = parsedDefault;
            }
            else
            {
                Error("$.defaults.order", defaults.Order, "ABCD, CDAB, BADC or DCBA");
            }

            var points = ReadPoints(file.Points, defaultOrder);
            var byId = points.ToDictionary(p => p.Id, StringComparer.Ordinal);
            CheckBitReferences(file.Points, byId);
            CheckOverlaps(points, file.Points);
            var reads = ReadBlocks(file.Reads);
            var commands = ReadCommands(file.Commands, byId);
            var init = ReadInit(file.Init, commands);
            var sampling = ReadSampling(file.Sampling ?? new SamplingFile(), byId, reads);
            var volume = ReadVolume(file.Volume, byId, points);
            var running = file.Running is { } r ? BitOf(r, "$.running", byId)
                : file.Simulator?.Running is { } legacy ? BitOf(legacy, "$.simulator.running", byId) : null;
            CheckCoverage(points, reads, sampling, volume, file.Points);
            if (!points.Any(p => p.Parameter is not null))
            {
                Error("$.points", null, "at least one point with a \"parameter\" (the channel it feeds)");
            }
            if (_errors.Count > 0)
            {
                throw new ConfigurationException(_errors);
            }
            return new DeviceProfile(id!, fileName, file.Description, points, reads, commands, init, sampling!, volume, running);
        }

        private List<ProfilePoint> ReadPoints(List<PointFile?>? files, ByteOrder defaultOrder)
        {
            var points = new List<ProfilePoint>();
            if (files is null || files.Count == 0)
            {
                Error("$.points", null, "at least one point");
                return points;
            }
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var parameters = new Dictionary<Parameter, int>();
            for (var i = 0; i < files.Count; i++)
            {
                var path = $"$.points[{i}]";
                if (files[i] is not { } p)
                {
                    Error(path, "null", "a point object");
                    continue;
                }
                var ok = true;
                if (p.Id is null || !NamePattern().IsMatch(p.Id))
                {
                    ok = Error(path + ".id", p.Id, "a point id: a letter, then letters, digits or '_'");
                }
                else if (!ids.Add(p.Id))
                {
                    ok = Error(path + ".id", p.Id, "a point id not used by another point");
                }
                var table = ParseTable(p.Table, path + ".table");
                PointType? type = p.Type is not null && PointFile.Types.TryGetValue(p.Type, out var named) ? named : null;
                if (type is null)
                {
                    ok = Error(path + ".type", p.Type, "int16, uint16, int32, uint32 or float32");
                }
                var width = type is { } t ? RegisterCodec.Width(t) : 1;
                if (p.Address is not { } address || address < 0 || address + width > 65536)
                {
                    ok = Error(path + ".address", p.Address is { } a ? Text(a) : null,
                        $"a PDU address 0-{65536 - width} (the manual's 40001 is holding address 0, 30009 input address 8)");
                }
                ByteOrder order = width == 1 ? ByteOrder.Abcd : defaultOrder;
                if (p.Order is not null)
                {
                    if (ParseOrder(p.Order, wide: width == 2) is { } parsed)
                    {
                        order = parsed;
                    }
                    else
                    {
                        ok = Error(path + ".order", p.Order, width == 2 ? "ABCD, CDAB, BADC or DCBA" : "AB or BA (a 16-bit value)");
                    }
                }
                if (p.Scale is { } scale && (scale == 0 || !double.IsFinite(scale)))
                {
                    ok = Error(path + ".scale", Text(scale), "a finite, non-zero factor");
                }
                if (p.Offset is { } offset && !double.IsFinite(offset))
                {
                    ok = Error(path + ".offset", Text(offset), "a finite offset");
                }
                PointAccess? access = p.Access is not null && PointFile.Accesses.TryGetValue(p.Access, out var given) ? given : null;
                if (access is null)
                {
                    ok = Error(path + ".access", p.Access, "r, w or rw");
                }
                if (access is { } acc && acc.HasFlag(PointAccess.Write) && table == RegisterTable.Input)
                {
                    ok = Error(path + ".access", p.Access, "r (input registers cannot be written)");
                }
                Parameter? parameter = null;
                if (p.Parameter is not null)
                {
                    if (!ParameterCatalog.TryParse(p.Parameter, out var info))
                    {
                        ok = Error(path + ".parameter", p.Parameter, $"one of: {ParameterCatalog.Names}");
                    }
                    else if (parameters.TryGetValue(info.Parameter, out var other))
                    {
                        ok = Error(path + ".parameter", p.Parameter, $"a parameter fed by one point only (points[{other}] feeds it)");
                    }
                    else
                    {
                        parameters[info.Parameter] = i;
                        parameter = info.Parameter;
                        if (info.IsParticleCount && type is PointType.Float32)
                        {
                            ok = Error(path + ".type", p.Type, "an integer type (a particle channel is a count per sample)");
                        }
                    }
                }
                var bits = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var (name, bit) in p.Bits ?? [])
                {
                    if (!NamePattern().IsMatch(name))
                    {
                        ok = Error($"{path}.bits.{name}", Text(bit), "a bit name: a letter, then letters, digits or '_'");
                    }
                    else if (bit < 0 || bit >= 16 * width)
                    {
                        ok = Error($"{path}.bits.{name}", Text(bit), $"a bit number 0-{16 * width - 1} ({p.Type} has {16 * width} bits)");
                    }
                    else if (type is PointType.Float32)
                    {
                        ok = Error($"{path}.bits.{name}", Text(bit), "bits of an integer point (float32 has no status bits)");
                    }
                    else
                    {
                        bits[name] = bit;
                    }
                }
                var faultBits = new Dictionary<int, SampleFaults>();
                foreach (var (name, fault) in p.Faults ?? [])
                {
                    if (!bits.TryGetValue(name, out var bit))
                    {
                        ok = Error($"{path}.faults.{name}", fault, $"a fault for a bit named in {path}.bits");
                    }
                    else if (fault is null || !FaultNames.TryGetValue(fault, out var flag))
                    {
                        ok = Error($"{path}.faults.{name}", fault, "one of: " + string.Join(", ", FaultNames.Keys));
                    }
                    else
                    {
                        faultBits[bit] = faultBits.GetValueOrDefault(bit) | flag;
                    }
                }
                if (type is { } rawType)
                {
                    ok &= CheckRawValues(p, path, rawType);
                }
                if (ok && table is not null && type is not null && access is not null)
                {
                    var validIf = p.ValidIf is { Point: { } vp, Bit: { } vb } ? new BitReference(vp, vb) : null;
                    points.Add(new ProfilePoint(p.Id!, table.Value, p.Address!.Value, type.Value, order, p.Scale ?? 1, p.Offset ?? 0, p.Unit,
                        access.Value, parameter, bits, faultBits, validIf, p.InvalidRaw ?? [], p.Sentinels ?? []));
                }
            }
            return points;
        }

        // "invalidRaw" = the device has no value (left out, no fault); "sentinels" = a device fault (left out, sample
        // flagged Saturated). One raw value cannot mean both, and the type's saturation values are always a fault.
        private bool CheckRawValues(PointFile p, string path, PointType type)
        {
            var ok = true;
            var (min, max) = RegisterCodec.RawRange(type);
            var sentinels = p.Sentinels ?? [];
            for (var j = 0; j < sentinels.Count; j++)
            {
                var raw = sentinels[j];
                if (type != PointType.Float32 && (raw != Math.Floor(raw) || raw < min || raw > max))
                {
                    ok = Error($"{path}.sentinels[{j}]", Text(raw), $"a whole number that fits {p.Type} ({Text(min)}-{Text(max)})");
                }
            }
            var invalid = p.InvalidRaw ?? [];
            for (var j = 0; j < invalid.Count; j++)
            {
                var raw = invalid[j];
                if (ProfilePoint.IsSaturation(type, raw))
                {
                    var limits = type == PointType.Float32 ? "±infinity and ±3.4028235E+38" : min < 0 ? $"{Text(min)} and {Text(max)}" : Text(max);
                    ok = Error($"{path}.invalidRaw[{j}]", Text(raw),
                        $"a value other than the {p.Type} saturation values {limits} (always a device fault: list it under \"sentinels\", or leave it out)");
                }
                else if (sentinels.Contains(raw))
                {
                    ok = Error($"{path}.invalidRaw[{j}]", Text(raw), "a value not also listed in \"sentinels\" (a raw value is either \"no value\" or a device fault)");
                }
            }
            return ok;
        }

        private void CheckBitReferences(List<PointFile?>? files, Dictionary<string, ProfilePoint> byId)
        {
            for (var i = 0; i < (files?.Count ?? 0); i++)
            {
                if (files![i]?.ValidIf is not { } v)
                {
                    continue;
                }
                var path = $"$.points[{i}].validIf";
                if (v.Point is null || !byId.TryGetValue(v.Point, out var mask))
                {
                    Error(path + ".point", v.Point, "the id of a point of this profile");
                }
                else if (v.Bit is not { } bit || bit < 0 || bit >= 16 * mask.Width)
                {
                    Error(path + ".bit", v.Bit is { } b ? Text(b) : null, $"a bit number 0-{16 * mask.Width - 1} of point '{mask.Id}'");
                }
            }
        }

        private void CheckOverlaps(List<ProfilePoint> points, List<PointFile?>? files)
        {
            var index = files?.Select((f, i) => (f, i)).Where(x => x.f?.Id is not null).GroupBy(x => x.f!.Id!).ToDictionary(g => g.Key, g => g.First().i)
                ?? [];
            for (var a = 0; a < points.Count; a++)
            {
                for (var b = 0; b < a; b++)
                {
                    var (pa, pb) = (points[a], points[b]);
                    if (pa.Table == pb.Table && pa.Address < pb.Address + pb.Width && pb.Address < pa.Address + pa.Width)
                    {
                        Error($"$.points[{index[pa.Id]}].address", Text(pa.Address),
                            $"registers not used by another point ('{pb.Id}' at {pb.Table.ToString().ToLowerInvariant()} {pb.Address} overlaps)");
                    }
                }
            }
        }

        private List<ReadBlock> ReadBlocks(List<ReadFile?>? files)
        {
            var reads = new List<ReadBlock>();
            if (files is null || files.Count == 0)
            {
                Error("$.reads", null, "at least one read block");
                return reads;
            }
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
            {
                var path = $"$.reads[{i}]";
                if (files[i] is not { } r)
                {
                    Error(path, "null", "a read object");
                    continue;
                }
                var ok = true;
                if (r.Name is null || !NamePattern().IsMatch(r.Name) || !names.Add(r.Name))
                {
                    ok = Error(path + ".name", r.Name, "a read name (a letter, then letters, digits or '_') not used by another read");
                }
                var table = ParseTable(r.Table, path + ".table");
                if (r.Count is not { } count || count < 1 || count > LibModbus.MaxReadRegisters)
                {
                    ok = Error(path + ".count", r.Count is { } c ? Text(c) : null, $"1-{LibModbus.MaxReadRegisters} registers (the Modbus limit per read)");
                }
                if (r.Address is not { } address || address < 0 || address + (r.Count ?? 1) > 65536)
                {
                    ok = Error(path + ".address", r.Address is { } a ? Text(a) : null, "a PDU address such that address + count ≤ 65536");
                }
                if (ok && table is not null)
                {
                    reads.Add(new ReadBlock(r.Name!, table.Value, r.Address!.Value, r.Count!.Value));
                }
            }
            return reads;
        }

        private Dictionary<string, IReadOnlyList<CommandWrite>> ReadCommands(Dictionary<string, List<CommandWriteFile?>?>? files, Dictionary<string, ProfilePoint> byId)
        {
            var commands = new Dictionary<string, IReadOnlyList<CommandWrite>>(StringComparer.Ordinal);
            foreach (var (name, writes) in files ?? [])
            {
                var path = $"$.commands.{name}";
                if (name is not ("start" or "stop" or "hold"))
                {
                    Error(path, name, "a command named start, stop or hold");
                    continue;
                }
                if (writes is null || writes.Count == 0)
                {
                    Error(path, null, "at least one write");
                    continue;
                }
                var list = new List<CommandWrite>();
                for (var i = 0; i < writes.Count; i++)
                {
                    var wpath = $"{path}[{i}]";
                    if (writes[i] is not { } w)
                    {
                        Error(wpath, "null", "a write object { point, value }");
                    }
                    else if (w.Point is null || !byId.TryGetValue(w.Point, out var point) || !point.Access.HasFlag(PointAccess.Write))
                    {
                        Error(wpath + ".point", w.Point, "the id of a writable point (access w or rw)");
                    }
                    else if (w.Value is not { } value || !FitsRaw(point, value))
                    {
                        Error(wpath + ".value", w.Value is { } v ? Text(v) : null, $"a value that fits the point's type {point.Type}");
                    }
                    else
                    {
                        list.Add(new CommandWrite(w.Point, value));
                    }
                }
                commands[name] = list;
            }
            return commands;
        }

        private List<string> ReadInit(List<string?>? init, Dictionary<string, IReadOnlyList<CommandWrite>> commands)
        {
            var list = new List<string>();
            for (var i = 0; i < (init?.Count ?? 0); i++)
            {
                if (init![i] is not { } name || !commands.ContainsKey(name))
                {
                    Error($"$.init[{i}]", init[i], "the name of a command defined in $.commands");
                }
                else
                {
                    list.Add(name);
                }
            }
            return list;
        }

        private SamplingRule? ReadSampling(SamplingFile s, Dictionary<string, ProfilePoint> byId, List<ReadBlock> reads)
        {
            SamplingMode? mode = s.Mode is not null && SamplingFile.Modes.TryGetValue(s.Mode, out var chosen) ? chosen : null;
            if (mode is null)
            {
                Error("$.sampling.mode", s.Mode, "live or records");
                return null;
            }
            var timestamp = s.Timestamp;
            if (timestamp is not null && (!byId.TryGetValue(timestamp, out var ts) || ts.Type is PointType.Float32 || ts.Parameter is not null))
            {
                Error("$.sampling.timestamp", timestamp, "the id of an integer point holding the device time in Unix seconds");
            }
            if (mode == SamplingMode.Live)
            {
                foreach (var (key, value) in new[] { ("head", s.Head), ("record", s.Record), ("recordCount", s.RecordCount), ("recordIndex", s.RecordIndex) })
                {
                    if (value is not null)
                    {
                        Error("$.sampling." + key, value, "nothing in live mode (records mode only)");
                    }
                }
                return new SamplingRule(SamplingMode.Live, null, null, null, null, s.LatestIndex, null, timestamp, 0);
            }
            var readNames = reads.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            if (s.Head is null || !readNames.Contains(s.Head))
            {
                Error("$.sampling.head", s.Head, "the name of a read block (the one with the record count and status)");
            }
            if (s.Record is null || !readNames.Contains(s.Record))
            {
                Error("$.sampling.record", s.Record, "the name of a read block (the one with a data record)");
            }
            var count = s.RecordCount is not null && byId.TryGetValue(s.RecordCount, out var named) ? named : null;
            if (count is null || count.Type is PointType.Float32)
            {
                Error("$.sampling.recordCount", s.RecordCount, "the id of an integer point holding the number of records");
            }
            else if (s.Head is not null && readNames.Contains(s.Head) && !reads.First(r => r.Name == s.Head).Contains(count))
            {
                Error("$.sampling.recordCount", s.RecordCount, $"a point inside read block '{s.Head}'");
            }
            ProfilePoint? index = null;
            if (s.RecordIndex is null || !byId.TryGetValue(s.RecordIndex, out index) || !index.Access.HasFlag(PointAccess.Write) || index.Type is PointType.Float32)
            {
                Error("$.sampling.recordIndex", s.RecordIndex, "the id of a writable integer point that selects the record");
            }
            var latest = s.LatestIndex;
            if (index is not null && !FitsRaw(index, latest))
            {
                Error("$.sampling.latestIndex", Text(latest), $"a value that fits {index.Type} (Lighthouse: -1 = latest record)");
            }
            BitReference? newData = null;
            if (s.NewData is { } nd)
            {
                newData = BitOf(nd, "$.sampling.newData", byId);
            }
            var backfill = s.MaxBackfill;
            if (backfill is < 1 or > 1000)
            {
                Error("$.sampling.maxBackfill", Text(backfill), "1-1000 records read in one poll");
            }
            if (s.BufferSize is < 1)
            {
                Error("$.sampling.bufferSize", Text(s.BufferSize.Value), "a positive number of records");
            }
            else if (s.BufferSize is { } size && count is not null && count.Type is not PointType.Float32 && !FitsRaw(count, size))
            {
                Error("$.sampling.bufferSize", Text(size), $"a record count that fits {count.Type}");
            }
            return new SamplingRule(SamplingMode.Records, s.Head, s.Record, s.RecordCount, s.RecordIndex, latest, newData, timestamp, backfill, s.BufferSize);
        }

        private VolumeRule? ReadVolume(VolumeFile? v, Dictionary<string, ProfilePoint> byId, List<ProfilePoint> points)
        {
            var hasCounts = points.Any(p => p.Parameter?.Info().IsParticleCount == true);
            if (v is null)
            {
                if (hasCounts)
                {
                    Error("$.volume", null, "the sampled volume for the particle channels: { \"litres\": 28.3 } or { \"flow\": point, \"sampleSeconds\": point }");
                }
                return null;
            }
            if (v.Litres is { } litres && (litres <= 0 || !double.IsFinite(litres)))
            {
                Error("$.volume.litres", Text(litres), "a positive volume in litres");
            }
            if ((v.Flow is null) != (v.SampleSeconds is null) || (v.Flow is null && v.Litres is null))
            {
                Error("$.volume", null, "\"litres\", or both \"flow\" and \"sampleSeconds\" (a fallback \"litres\" is allowed with them)");
            }
            if (v.Flow is not null && (!byId.TryGetValue(v.Flow, out var flow) || flow.Unit is not ("ft3/min" or "L/min")))
            {
                Error("$.volume.flow", v.Flow, "the id of a point whose unit is ft3/min or L/min");
            }
            if (v.SampleSeconds is not null && (!byId.TryGetValue(v.SampleSeconds, out var seconds) || seconds.Unit is not "s"))
            {
                Error("$.volume.sampleSeconds", v.SampleSeconds, "the id of a point whose unit is s (the sample time)");
            }
            return new VolumeRule(v.Litres, v.Flow, v.SampleSeconds);
        }

        // Every point the poller decodes must be inside a read block, or the poller would never see it.
        private void CheckCoverage(List<ProfilePoint> points, List<ReadBlock> reads, SamplingRule? sampling, VolumeRule? volume, List<PointFile?>? files)
        {
            var needed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in points.Where(p => p.Parameter is not null || p.FaultBits.Count > 0))
            {
                needed.Add(p.Id);
                if (p.ValidIf is { } v)
                {
                    needed.Add(v.Point);
                }
            }
            foreach (var id in new[] { sampling?.Timestamp, sampling?.NewData?.Point, volume?.FlowPoint, volume?.SampleSecondsPoint })
            {
                if (id is not null)
                {
                    needed.Add(id);
                }
            }
            for (var i = 0; i < (files?.Count ?? 0); i++)
            {
                if (files![i]?.Id is { } id && needed.Contains(id) && points.FirstOrDefault(p => p.Id == id) is { } point)
                {
                    if (!point.Access.HasFlag(PointAccess.Read))
                    {
                        Error($"$.points[{i}].access", files[i]!.Access, "r or rw (the poller reads this point)");
                    }
                    else if (!reads.Any(r => r.Contains(point)))
                    {
                        Error($"$.points[{i}].address", Text(point.Address), $"an address inside one of the read blocks of table {point.Table.ToString().ToLowerInvariant()} (the poller reads this point)");
                    }
                }
            }
        }

        private BitReference? BitOf(BitRefFile r, string path, Dictionary<string, ProfilePoint> byId)
        {
            if (r.Point is null || !byId.TryGetValue(r.Point, out var point))
            {
                Error(path + ".point", r.Point, "the id of a point of this profile");
                return null;
            }
            if (r.Bit is null || !point.Bits.TryGetValue(r.Bit, out var bit))
            {
                Error(path + ".bit", r.Bit, $"a bit name of point '{point.Id}' ({string.Join(", ", point.Bits.Keys.DefaultIfEmpty("it has none"))})");
                return null;
            }
            return new BitReference(point.Id, bit);
        }

        private RegisterTable? ParseTable(string? table, string path)
        {
            if (table is not null && PointFile.Tables.TryGetValue(table, out var parsed))
            {
                return parsed;
            }
            Error(path, table, "holding or input");
            return null;
        }

        private static ByteOrder? ParseOrder(string order, bool wide) => (order, wide) switch
        {
            ("ABCD", true) or ("AB", false) => ByteOrder.Abcd,
            ("CDAB", true) => ByteOrder.Cdab,
            ("BADC", true) or ("BA", false) => ByteOrder.Badc,
            ("DCBA", true) => ByteOrder.Dcba,
            _ => null,
        };

        private static bool FitsRaw(ProfilePoint point, long value)
        {
            // Command values are written as raw register contents; a 16-bit register also takes -1 as 0xFFFF
            // (Lighthouse: "write -1 = latest record").
            var (min, max) = RegisterCodec.RawRange(point.Type);
            return value >= min && value <= max || point.Width == 1 && value is >= short.MinValue and <= ushort.MaxValue;
        }

        private bool Error(string path, string? value, string expected)
        {
            _errors.Add(new ConfigError(fileName, path, value, expected));
            return false;
        }
    }
}
