using System.Globalization;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The audit checkpoints, one line each (<c>sequence hash time</c>), appended and flushed to disk, never
/// rewritten. The file sits beside the database by default; a site that copies it (or the log lines that announce each
/// checkpoint, EventId 3509) off the machine can show that the trail was not rewritten since, even by someone able to
/// write both files here.</summary>
internal static class AuditCheckpointFile
{
    /// <summary>The checkpoints in the file, oldest first; empty when there is no file.</summary>
    /// <exception cref="FormatException">A line is not a checkpoint: the file was edited.</exception>
    public static IReadOnlyList<AuditCheckpoint> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        var checkpoints = new List<AuditCheckpoint>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var parts = line.Split(' ');
            if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || parts[1].Length != 64
                || !DateTimeOffset.TryParseExact(parts[2], "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                throw new FormatException($"line {number} of {path} is not a checkpoint (\"sequence hash time\"): '{line}'");
            }
            checkpoints.Add(new AuditCheckpoint(sequence, parts[1], at));
        }
        return checkpoints;
    }

    public static void Append(string path, AuditCheckpoint checkpoint)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using (var writer = new StreamWriter(file, leaveOpen: true))
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{checkpoint.Sequence} {checkpoint.Hash} {checkpoint.At.UtcDateTime:O}\n"));
        }
        file.Flush(flushToDisk: true);
    }
}
