using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace CleanroomMonitor.Benchmarks.Diagnostics;

/// <summary>The live objects of a running .NET process, by type: the heap walk that <c>dotnet-gcdump</c> triggers (a
/// full, blocking collection, then one event per batch of objects), counted instead of saved. dotnet-gcdump and
/// dotnet-dump are not on the package mirror here; this found the excursion engine's leaked channel waiters.</summary>
internal static class HeapCensus
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>One type's live objects after the walk.</summary>
    public sealed record Line(string Type, long Objects, long Bytes);

    // heap <pid> [top=25]
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length < 2 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var pid))
        {
            Console.Error.WriteLine("usage: CleanroomMonitor.Benchmarks heap <pid> [top=25]");
            return 2;
        }
        var top = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 25;
        IReadOnlyList<Line> lines;
        try
        {
            lines = await TakeAsync(pid, cancellationToken);
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or UnsupportedCommandException or TimeoutException)
        {
            Console.Error.WriteLine($"heap: cannot take a census of process {pid}: {ex.Message} (is it a running .NET process of this user?)");
            return 1;
        }
        Console.WriteLine($"live objects of process {pid} after a full collection: {lines.Sum(l => l.Bytes) / 1048576.0:F1} MB in {lines.Sum(l => l.Objects):N0} objects");
        foreach (var line in lines.Take(top))
        {
            Console.WriteLine($"  {line.Bytes / 1048576.0,8:F1} MB {line.Objects,12:N0}  {line.Type}");
        }
        return 0;
    }

    /// <summary>Every type's live objects, largest first.</summary>
    public static async Task<IReadOnlyList<Line>> TakeAsync(int pid, CancellationToken cancellationToken)
    {
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, (long)ClrTraceEventParser.Keywords.GCHeapSnapshot);
        using var session = new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        var names = new Dictionary<ulong, string>();
        var counts = new Dictionary<ulong, (long Objects, long Bytes)>();
        var walked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Clr.TypeBulkType += data =>
        {
            for (var i = 0; i < data.Count; i++)
            {
                names[data.Values(i).TypeID] = data.Values(i).TypeName;
            }
        };
        source.Clr.GCBulkNode += data =>
        {
            for (var i = 0; i < data.Count; i++)
            {
                var node = data.Values(i);
                counts.TryGetValue(node.TypeID, out var sum);
                counts[node.TypeID] = (sum.Objects + 1, sum.Bytes + (long)node.Size);
            }
        };
        // The walk happens inside the collection the session triggers: when the runtime resumes, it is complete.
        source.Clr.GCRestartEEStop += _ =>
        {
            if (counts.Count > 0)
            {
                walked.TrySetResult();
            }
        };
        var processing = Task.Run(source.Process, CancellationToken.None);
        await walked.Task.WaitAsync(Limit, cancellationToken);
        await session.StopAsync(cancellationToken);
        await processing;
        return [.. counts.Select(c => new Line(names.GetValueOrDefault(c.Key, $"type {c.Key}"), c.Value.Objects, c.Value.Bytes)).OrderByDescending(l => l.Bytes)];
    }
}
