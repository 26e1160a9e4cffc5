using CleanroomMonitor.Benchmarks.Suite;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Benchmarks.Notifications;

/// <summary>Alarm delivery latency under load (issue 18): the service in its own process with the SMTP server and the SMS
/// gateway configured, background readings at a steady rate, and a sequence of breaches, each on an alarm sensor of its
/// own (so each is its own excursion). Measured per breach: its publish → the mail accepted by the SMTP server (the
/// arrival the server records before its 250 reply), and → the gateway request received; the same clock throughout.</summary>
/// <remarks>The first <see cref="WarmUpBreaches"/> are not counted: they measure the JIT compiling the notification path
/// (MailKit, the HTTP client, the dispatcher); the very first is printed apart as the cold figure.</remarks>
internal static class NotificationLatencyBenchmark
{
    private const int Gateways = 4;
    private const int WarmUpBreaches = 3;
    private static readonly TimeSpan LoadWarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Latencies in milliseconds, sorted, of the counted breaches; <paramref name="Duplicates"/> counts notifications
    /// received more than once (excursion, address and channel alike).</summary>
    /// <param name="Planned">Per counted breach: its publish → the dispatcher planning its deliveries (the earlier of the
    /// two), i.e. judging, recording and dispatching inside the service, before any channel is tried.</param>
    public sealed record Result(double AchievedRate, int Breaches, IReadOnlyList<double> Email, IReadOnlyList<double> Gateway, double ColdEmail,
        double ColdGateway, int Duplicates, string Statuses, IReadOnlyList<double> Planned)
    {
        public static double At(IReadOnlyList<double> sorted, double quantile) =>
            sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static async Task<int> RunAsync(int ratePerSecond, int breaches, CancellationToken cancellationToken)
    {
        Console.WriteLine($"notification latency benchmark: {ratePerSecond:N0} readings/s background load, {breaches} breaches {Spacing.TotalMilliseconds:0} ms apart " +
                          $"after {WarmUpBreaches} not counted; the service in its own process; SMTP server and SMS gateway on loopback");
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        var result = await MeasureAsync(broker, influx, ratePerSecond, breaches, cancellationToken);
        Print("email", result.Email, "publish of a breaching reading -> mail accepted by the SMTP server");
        Print("SMS gateway", result.Gateway, "publish of a breaching reading -> request received by the gateway");
        Print("planned", result.Planned, "publish of a breaching reading -> the dispatcher planned its deliveries (inside the service)");
        Console.WriteLine($"  cold first breach  email {result.ColdEmail:F1} ms, gateway {result.ColdGateway:F1} ms (not counted above)");
        Console.WriteLine($"  background load    {result.AchievedRate:N0} readings/s achieved; duplicates {result.Duplicates}; delivery records: {result.Statuses}");
        return result.Email.Count == breaches && result.Gateway.Count == breaches ? 0 : 1;
    }

    public static async Task<Result> MeasureAsync(MosquittoProcess broker, InfluxProcess influx, int ratePerSecond, int breaches, CancellationToken cancellationToken)
    {
        var total = WarmUpBreaches + breaches;
        await using var rig = await NotificationRig.StartAsync(broker, influx, total, cancellationToken);
        const string name = "notify-latency";
        var service = await ServiceProcess.StartAsync(rig.Settings(name), cancellationToken);
        string statuses;
        var sent = new DateTimeOffset[total];
        (long Readings, TimeSpan Elapsed) load;
        try
        {
            await using var publisher = await LoadPublisher.ConnectAsync(broker.Port, Gateways, BenchFacility.Topics(NotificationRig.LoadSensors), cancellationToken);
            await using var breacher = await rig.ConnectBreacherAsync(cancellationToken);
            var loadTime = LoadWarmUp + total * Spacing + TimeSpan.FromSeconds(1);
            var loading = publisher.RunAsync(ratePerSecond, loadTime, window: 5000, cancellationToken);

            using var timer = new PeriodicTimer(Spacing);
            // The breaches start once the load runs at its rate (a delay is the schedule here, not a wait for a signal).
            await Task.Delay(LoadWarmUp, cancellationToken);
            for (var i = 0; i < total; i++)
            {
                sent[i] = NotificationRig.Breach(breacher, i);
                await timer.WaitForNextTickAsync(cancellationToken);
            }
            var deadline = DateTimeOffset.UtcNow + Patience;
            while (rig.Count < 2 * total && DateTimeOffset.UtcNow < deadline)
            {
                // A measuring loop: arrival times come from the sinks, so this probe's pace does not enter the figures.
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
            load = await loading;
        }
        finally
        {
            await service.StopAsync();
            await service.DisposeAsync();
        }
        statuses = rig.DeliveryStatuses(name);
        var plannedAt = rig.PlannedAt(name);
        await SustainedIngest.ForgetSessionAsync(broker, name, cancellationToken);

        var arrivals = rig.Arrivals();
        var firsts = arrivals.GroupBy(a => (a.Channel, a.Excursion, a.To)).Select(g => g.First()).ToList();
        List<double> Latencies(string channel, bool cold) =>
        [
            .. firsts.Where(a => a.Channel == channel && (a.SensorIndex < WarmUpBreaches) == cold)
                .Select(a => (a.At - sent[a.SensorIndex]).TotalMilliseconds).Order(),
        ];
        double Cold(string channel) => firsts.FirstOrDefault(a => a.Channel == channel && a.SensorIndex == 0) is { } first
            ? (first.At - sent[0]).TotalMilliseconds
            : double.NaN;
        List<double> planned =
        [
            .. firsts.Where(a => a.SensorIndex >= WarmUpBreaches && plannedAt.ContainsKey((a.Excursion, a.Channel)))
                .GroupBy(a => a.SensorIndex)
                .Select(g => g.Min(a => (plannedAt[(a.Excursion, a.Channel)] - sent[g.Key]).TotalMilliseconds)).Order(),
        ];
        return new Result(load.Readings / load.Elapsed.TotalSeconds, breaches, Latencies("email", cold: false), Latencies("sms", cold: false),
            Cold("email"), Cold("sms"), arrivals.Count - firsts.Count, statuses, planned);
    }

    private static void Print(string name, IReadOnlyList<double> samples, string what)
    {
        if (samples.Count == 0)
        {
            Console.WriteLine($"  {name,-18} no samples");
            return;
        }
        Console.WriteLine($"  {name,-18} p50 {Result.At(samples, 0.5),7:F1} ms   p90 {Result.At(samples, 0.9),7:F1} ms   p99 {Result.At(samples, 0.99),7:F1} ms   max {samples[^1],7:F1} ms   n={samples.Count}   {what}");
    }
}
