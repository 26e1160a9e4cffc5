using System.Globalization;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.Scenarios;

namespace CleanroomMonitor.Simulators.Oq;

/// <summary>Runs the scenario library, one scenario after another, against a running installation through its broker
/// and API, and collects an <see cref="OqReport"/>.</summary>
internal sealed class OqRun(FacilityDefinition facility, string facilityFile, MqttClient client, ServiceApi api, TimeProvider time)
{
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<OqReport> RunAsync(IReadOnlyList<Scenario> scenarios, double speed, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var runner = new ScenarioRunner(facility, client, api, time) { Patience = Patience };
        var results = new List<ScenarioResult>();
        // One timeline for the whole library: each scenario gets the slice after the previous one, so every sensor's
        // timestamps keep rising from one scenario to the next (docs/simulators.md, accelerated time).
        var gain = scenarios.Aggregate(TimeSpan.Zero, (sum, s) => sum + ScenarioClock.Gain(s.Duration, speed, ScenarioRunner.RealTime(s)));
        var stamp = await runner.TimelineStartAsync(gain, cancellationToken);
        foreach (var scenario in scenarios)
        {
            results.Add(await runner.RunAsync(scenario, speed, cancellationToken, stamp));
            stamp += scenario.Duration;
        }
        return new OqReport(facility.Site.Id, facilityFile, facility.Version, OqReport.ThisSoftwareVersion, await api.ServiceVersionAsync(cancellationToken),
            double.IsPositiveInfinity(speed) ? "max" : speed.ToString(CultureInfo.InvariantCulture) + "×", started, time.GetUtcNow(), results);
    }
}
