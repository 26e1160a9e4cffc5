using CleanroomMonitor.Benchmarks.Suite;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Benchmarks.Notifications;

/// <summary>An alarm burst (issue 18): <see cref="Excursions"/> alarm sensors breach at once, each raising its own excursion,
/// each excursion owed one mail and one gateway request. Counted at the sinks: how many distinct notifications arrived,
/// how many more than once, and when the last one did. Then the same burst with the service SIGKILLed after the first
/// <c>killAfter</c> notifications arrived and started again on the same data folder: what the restart completes, what it
/// sends twice, what nobody gets.</summary>
/// <remarks>A notification is identified as the sinks see it: excursion, address and channel. "Missing" counts the alarm
/// sensors whose excursion got no mail or no request, so an excursion raised anew after the restart (a different id for
/// the same breach) would show as extra notifications, not hide a missing one.</remarks>
internal static class NotificationBurstBenchmark
{
    public const int Excursions = 100;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <param name="Delivered">Distinct notifications received (of 2 × <see cref="Excursions"/>).</param>
    /// <param name="Duplicates">Notifications received again beyond the first (same excursion, address, channel).</param>
    /// <param name="Missing">Notifications owed (alarm sensor × channel) that never arrived.</param>
    /// <param name="PublishSpan">From the first breach published to the last.</param>
    /// <param name="ToLast">From the first breach published to the last notification's arrival.</param>
    /// <param name="AtKill">Notifications received when the service was killed (kill runs only).</param>
    /// <param name="Restart">From the restart's launch to the service answering /readyz (kill runs only).</param>
    /// <param name="AfterRestart">From the restart's launch to the last notification's arrival (kill runs only).</param>
    /// <param name="DuplicateNotes">For each duplicate: its channel and sensor and when its first copy arrived relative to the kill.</param>
    public sealed record Result(int Delivered, int Duplicates, int Missing, TimeSpan PublishSpan, TimeSpan ToLast, int AtKill, TimeSpan Restart,
        TimeSpan AfterRestart, IReadOnlyList<string> DuplicateNotes, IReadOnlyList<string> ExtraExcursions, string Statuses);

    public static async Task<int> RunAsync(int killAfter, CancellationToken cancellationToken)
    {
        Console.WriteLine($"notification burst benchmark: {Excursions} excursions raised at once, each owed a mail and an SMS gateway request; " +
                          $"then the same with a SIGKILL after {killAfter} notifications arrived and a restart on the same data");
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        var burst = await MeasureAsync(broker, influx, killAfter: null, cancellationToken);
        Print("burst", burst);
        var killed = await MeasureAsync(broker, influx, killAfter, cancellationToken);
        Print("burst, SIGKILL", killed);
        return burst.Missing == 0 && killed.Missing == 0 ? 0 : 1;
    }

    public static void Print(string name, Result result)
    {
        Console.WriteLine($"  {name,-16} delivered {result.Delivered} of {2 * Excursions}, duplicates {result.Duplicates}, missing {result.Missing}; " +
                          $"breaches handed to the MQTT client within {result.PublishSpan.TotalMilliseconds:F0} ms, last notification {result.ToLast.TotalSeconds:F2} s after the first breach");
        if (result.AtKill > 0)
        {
            Console.WriteLine($"  {"",-16} killed after {result.AtKill} arrived; restarted and ready in {result.Restart.TotalSeconds:F2} s; " +
                              $"complete {result.AfterRestart.TotalSeconds:F2} s after the restart's launch");
        }
        foreach (var note in result.DuplicateNotes)
        {
            Console.WriteLine($"  {"",-16} duplicate: {note}");
        }
        foreach (var note in result.ExtraExcursions)
        {
            Console.WriteLine($"  {"",-16} second excursion: {note}");
        }
        Console.WriteLine($"  {"",-16} delivery records: {result.Statuses}");
    }

    /// <param name="killAfter">SIGKILL the service once this many notifications arrived, then start it again; null: no kill.</param>
    public static async Task<Result> MeasureAsync(MosquittoProcess broker, InfluxProcess influx, int? killAfter, CancellationToken cancellationToken)
    {
        await using var rig = await NotificationRig.StartAsync(broker, influx, Excursions, cancellationToken);
        var name = killAfter is null ? "notify-burst" : "notify-burst-kill";
        var settings = rig.Settings(name);
        var service = await ServiceProcess.StartAsync(settings, cancellationToken);
        var sent = new DateTimeOffset[Excursions];
        var atKill = 0;
        var killedAt = DateTimeOffset.MinValue;
        var goneAt = DateTimeOffset.MinValue;
        var restart = TimeSpan.Zero;
        var restartedAt = DateTimeOffset.MinValue;
        try
        {
            await using (var breacher = await rig.ConnectBreacherAsync(cancellationToken))
            {
                for (var i = 0; i < Excursions; i++)
                {
                    sent[i] = NotificationRig.Breach(breacher, i);
                }
                var deadline = DateTimeOffset.UtcNow + Patience;
                if (killAfter is { } after)
                {
                    while (rig.Count < after && DateTimeOffset.UtcNow < deadline)
                    {
                        // As fine a probe as the machine allows: the kill should land while mails are in flight.
                        await Task.Delay(TimeSpan.FromMilliseconds(1), cancellationToken);
                    }
                    killedAt = DateTimeOffset.UtcNow;
                    await service.StopAsync(kill: true);
                    goneAt = DateTimeOffset.UtcNow;
                    atKill = rig.Count;
                    await service.DisposeAsync();
                    restartedAt = DateTimeOffset.UtcNow;
                    service = await ServiceProcess.StartAsync(settings, cancellationToken);
                    restart = DateTimeOffset.UtcNow - restartedAt;
                    deadline = DateTimeOffset.UtcNow + Patience;
                }
                while (rig.Count < 2 * Excursions && DateTimeOffset.UtcNow < deadline)
                {
                    // A measuring loop: arrival times come from the sinks, so this probe's pace does not enter the figures.
                    await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
                }
            }
            // Anything sent twice after the last expected one would come now.
            await Task.Delay(Settle, cancellationToken);
        }
        finally
        {
            await service.StopAsync();
            await service.DisposeAsync();
        }
        var statuses = rig.DeliveryStatuses(name);
        await SustainedIngest.ForgetSessionAsync(broker, name, cancellationToken);

        var arrivals = rig.Arrivals();
        var groups = arrivals.GroupBy(a => (a.Channel, a.Excursion, a.To)).ToList();
        var duplicates = groups.Where(g => g.Count() > 1).SelectMany(g => g.Skip(1).Select(copy => killAfter is null
            ? $"{g.Key.Channel} {g.First().Sensor}: {g.Count()} copies, {(copy.At - g.First().At).TotalMilliseconds:F0} ms apart"
            : $"{g.Key.Channel} {g.First().Sensor}: first copy at {Relative(g.First().At, killedAt)} the SIGKILL was sent (the process was gone {(goneAt - killedAt).TotalMilliseconds:F0} ms after it), " +
              $"again {(copy.At - restartedAt).TotalSeconds:F2} s after the restart's launch"))
            .ToList();
        var owed = Enumerable.Range(0, Excursions).SelectMany(i => new[] { ("email", $"a{i}"), ("sms", $"a{i}") });
        var missing = owed.Count(o => !arrivals.Any(a => a.Channel == o.Item1 && a.Sensor == o.Item2));
        var extra = arrivals.GroupBy(a => a.Sensor).Where(g => g.Select(a => a.Excursion).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {g.Select(a => a.Excursion).Distinct().Count()} excursions notified").ToList();
        var last = arrivals.Count > 0 ? arrivals[^1].At : sent[0];
        static string Relative(DateTimeOffset at, DateTimeOffset kill) =>
            at <= kill ? $"{(kill - at).TotalMilliseconds:F0} ms before" : $"{(at - kill).TotalMilliseconds:F0} ms after";
        return new Result(groups.Count, arrivals.Count - groups.Count, missing, sent[^1] - sent[0], last - sent[0], atKill, restart,
            killAfter is null ? TimeSpan.Zero : last - restartedAt, duplicates, extra, statuses);
    }
}
