using System.CommandLine;
using System.Security.Cryptography;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Simulators.Oq.Protocol;
using CleanroomMonitor.Simulators.Scenarios;

namespace CleanroomMonitor.Simulators.Oq;

/// <summary><c>oq generate --facility SITE.json --out DIR [--sensor ID]… [--room ID]…</c>: writes an OQ protocol built
/// from the site's own facility file (docs/simulators.md, "An OQ protocol from the site's own facility").</summary>
internal static class OqGenerateCommand
{
    public static Command Create()
    {
        var facility = new Option<FileInfo>("--facility") { Description = "The site's facility definition file (the one the installation runs with)", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder to write the scenarios and README.md into (created if missing; it must hold no other scenario files)", Required = true };
        var sensors = new Option<string[]>("--sensor") { Description = "Only this sensor (repeatable; with --room: these and the rooms' sensors)", AllowMultipleArgumentsPerToken = true };
        var rooms = new Option<string[]>("--room") { Description = "Only the sensors of this room (repeatable)", AllowMultipleArgumentsPerToken = true };
        var generate = new Command("generate", "Write an OQ protocol from a site's facility file: a scenario per sensor stepping each parameter across its alert and action limits, and a README to review and approve before running it")
        {
            facility, output, sensors, rooms,
        };
        generate.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(facility)!;
            var folder = parse.GetValue(output)!.FullName;
            var bytes = await ReadAsync(file.FullName, cancellationToken);
            using var reader = new StreamReader(new MemoryStream(bytes));
            var definition = FacilityReader.Parse(await reader.ReadToEndAsync(cancellationToken), file.FullName);
            var (sensorIds, roomIds) = (parse.GetValue(sensors) ?? [], parse.GetValue(rooms) ?? []);
            if (ProtocolGenerator.Unknown(definition, sensorIds, roomIds) is { Count: > 0 } unknown)
            {
                unknown.ToList().ForEach(Console.Error.WriteLine);
                return 2;
            }
            var source = new ProtocolSource(parse.GetResult(facility)!.Tokens[0].Value, Convert.ToHexStringLower(SHA256.HashData(bytes)),
                Path.GetRelativePath(folder, file.FullName).Replace('\\', '/'));
            var protocol = ProtocolGenerator.Generate(definition, source, sensorIds, roomIds);
            var written = protocol.Files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            // oq run --dir runs every scenario file of the folder: one left from another protocol would run unreviewed.
            if (Directory.Exists(folder) && ScenarioLibrary.Files(folder).Select(Path.GetFileName).Where(f => !written.Contains(f!)).ToList() is { Count: > 0 } others)
            {
                await Console.Error.WriteLineAsync($"--out {folder}: holds other scenario files ({string.Join(", ", others)}) that oq run --dir would run too; use an empty folder");
                return 2;
            }
            Directory.CreateDirectory(folder);
            foreach (var (name, text) in protocol.Files)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, name), text, cancellationToken);
            }
            Console.WriteLine($"oq generate: {protocol.Scenarios.Count} scenario(s), {protocol.Scenarios.Sum(s => s.Rows.Count)} row(s) for {protocol.Selected.Count} sensor(s) "
                + $"in {folder}; {protocol.NotCovered.Count} item(s) not covered, listed in {ProtocolGenerator.ReadmeName} with the facility file's SHA-256 {source.Sha256}");
            return 0;
        });
        return generate;
    }

    private static async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Core.Configuration.ConfigurationException([new Core.Configuration.ConfigError(path, "$", null, $"a readable facility file ({ex.Message})")]);
        }
    }
}
