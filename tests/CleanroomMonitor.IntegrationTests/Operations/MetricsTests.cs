using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CleanroomMonitor.Service.Observability;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Operations;

public sealed class MetricsTests
{
    [Fact]
    public void Scrape_EachInstrumentKind_PrometheusTextFormat()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var sut = new PrometheusExporter(factory);
        var meter = factory.Create("CleanroomMonitor.Test");
        var counter = meter.CreateCounter<long>("cleanroom.things.done", "{thing}", "Things done");
        var level = meter.CreateUpDownCounter<int>("cleanroom.things.open", "{thing}", "Open things");
        var duration = meter.CreateHistogram<double>("cleanroom.thing.duration", "s", "How long a thing took");
        meter.CreateObservableGauge("cleanroom.queue.bytes", () => 42L, "By", "Queue size");
        using var otherFactory = new ServiceCollection().AddMetrics().BuildServiceProvider();
        otherFactory.GetRequiredService<IMeterFactory>().Create("CleanroomMonitor.Test").CreateCounter<long>("cleanroom.other.host").Add(1);
        new Meter("Some.Library").CreateCounter<long>("library.calls").Add(1);

        counter.Add(2, new KeyValuePair<string, object?>("reason", "a \"quoted\" reason"));
        counter.Add(3, new KeyValuePair<string, object?>("reason", "a \"quoted\" reason"));
        level.Add(2);
        level.Add(-1);
        duration.Record(0.003);
        duration.Record(0.2);
        duration.Record(120);
        var text = sut.Scrape();

        Assert.Contains("# HELP cleanroom_things_done_total Things done\n# TYPE cleanroom_things_done_total counter\ncleanroom_things_done_total{reason=\"a \\\"quoted\\\" reason\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE cleanroom_things_open gauge\ncleanroom_things_open 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE cleanroom_queue_bytes gauge\ncleanroom_queue_bytes 42\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE cleanroom_thing_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("cleanroom_thing_duration_seconds_bucket{le=\"0.001\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("cleanroom_thing_duration_seconds_bucket{le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("cleanroom_thing_duration_seconds_bucket{le=\"0.25\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("cleanroom_thing_duration_seconds_bucket{le=\"60\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("cleanroom_thing_duration_seconds_bucket{le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("cleanroom_thing_duration_seconds_sum 120.203\n", text, StringComparison.Ordinal);
        Assert.Contains("cleanroom_thing_duration_seconds_count 3\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cleanroom_other_host", text, StringComparison.Ordinal);   // another host's meter
        Assert.DoesNotContain("library_calls", text, StringComparison.Ordinal);          // not ours
    }

    [Fact]
    public async Task Metrics_ReadingsSkewedClockAndAnExcursion_ExposedAnonymouslyOnTheMetricsPortOnly()
    {
        await using var broker = await MosquittoProcess.StartAsync();
        await using var rig = await OperationsRig.StartAsync(broker);
        var metricsPort = FreePort.Next();
        await rig.StartServiceAsync(new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:0;http://127.0.0.1:{metricsPort}",
            ["Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture),
            ["Ingest:ClockSkewWarning"] = "00:00:30",
        });
        var metricsAddress = rig.Addresses.Single(a => a.Port == metricsPort);
        var otherAddress = rig.Addresses.First(a => a.Port != metricsPort);
        using var anonymous = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var publisher = await rig.ConnectPublisherAsync();
        var now = DateTimeOffset.UtcNow;

        await OperationsRig.PublishAsync(publisher, "dp1", "\"differential_pressure\":12", now.AddMinutes(-5));   // device clock 5 min behind
        await OperationsRig.PublishAsync(publisher, "dp1", "\"differential_pressure\":12.5", now.AddMinutes(-5).AddSeconds(1));
        await OperationsRig.PublishAsync(publisher, "th1", "\"temperature\":30", now);   // above the action limit 25
        var text = string.Empty;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            text = await anonymous.GetStringAsync(new Uri(metricsAddress, "/metrics"), ct);
            return Regex.IsMatch(text, "cleanroom_alert_latency_seconds_count\\{level=\"\\w+\"\\} 1\n")
                && text.Contains("cleanroom_influx_write_duration_seconds_count", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20), "the excursion's alert latency and an InfluxDB write in /metrics");
        var response = await anonymous.GetAsync(new Uri(metricsAddress, "/metrics"));
        var elsewhere = await anonymous.GetAsync(new Uri(otherAddress, "/metrics"));
        var ready = JsonDocument.Parse(await rig.Http.GetStringAsync(new Uri("/readyz", UriKind.Relative))).RootElement;

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Matches("# TYPE cleanroom_readings_accepted_total counter\ncleanroom_readings_accepted_total [3-9]\n", text);
        Assert.Contains("cleanroom_readings_clock_skewed_total{sensor=\"dp1\"} 2\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cleanroom_readings_clock_skewed_total{sensor=\"th1\"}", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE cleanroom_buffer_depth gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE cleanroom_buffer_oldest_age_seconds gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("cleanroom_influx_write_duration_seconds_bucket{le=\"+Inf\"}", text, StringComparison.Ordinal);
        Assert.Matches("cleanroom_excursions_open\\{active=\"true\",level=\"\\w+\",room=\"cr1\"\\} 1\n", text);
        Assert.Contains("cleanroom_mqtt_connected{mqtt_client=", text, StringComparison.Ordinal);
        Assert.Contains("host clock", ready.GetProperty("checks").GetProperty("clock").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("clock").GetProperty("status").GetString());
        Assert.Single(rig.Logs.Entries, e => e.EventId.Id == 6204);   // logged once on the transition, not per reading
        Assert.Single(rig.Logs.Entries, e => e.EventId.Id is 6201 or 6202 or 6203);   // the host clock, at start
    }
}
