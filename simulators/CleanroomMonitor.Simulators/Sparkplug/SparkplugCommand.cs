using System.CommandLine;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.Signals;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Simulators.Sparkplug;

/// <summary><c>sparkplug</c>: one simulated edge node per Sparkplug edge node of the facility, each publishing its sensors'
/// signals at their intervals, answering rebirth requests and buffering while the service's STATE says offline.</summary>
internal static class SparkplugCommand
{
    public static Command Create()
    {
        var facilityOption = new Option<FileInfo>("--facility") { Description = "The facility definition file", Required = true };
        var hostOption = new Option<string>("--host") { Description = "MQTT broker host", DefaultValueFactory = _ => "127.0.0.1" };
        var portOption = new Option<int>("--port") { Description = "MQTT broker port", DefaultValueFactory = _ => 1883 };
        var roundsOption = new Option<int?>("--rounds") { Description = "Stop after this many samples per sensor (default: until Ctrl+C)" };
        var seedOption = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var hostIdOption = new Option<string?>("--host-id") { Description = "The primary host whose STATE the nodes watch (default cleanroom-monitor-<site>)" };
        var command = new Command("sparkplug", "Simulate the facility's Sparkplug B edge nodes (births, data by alias, rebirth, store and forward)")
        {
            facilityOption, hostOption, portOption, roundsOption, seedOption, hostIdOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var facility = FacilityReader.Load(parse.GetValue(facilityOption)!.FullName);
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
            var logger = loggers.CreateLogger("Simulator");
            var time = TimeProvider.System;
            var sensors = facility.Sensors.Where(s => s.Sparkplug is not null).ToList();
            var nodes = new Dictionary<(string, string), SparkplugEdgeNode>();
            foreach (var sensor in sensors)
            {
                var key = (sensor.Sparkplug!.Group, sensor.Sparkplug.EdgeNode);
                if (!nodes.ContainsKey(key))
                {
                    nodes[key] = new SparkplugEdgeNode(parse.GetValue(hostOption)!, parse.GetValue(portOption), key.Group, key.EdgeNode, sensors,
                        parse.GetValue(hostIdOption) ?? $"cleanroom-monitor-{facility.Site.Id}", time, loggers.CreateLogger<MqttClient>());
                }
            }
            logger.SimulatingSparkplug(nodes.Count, sensors.Count, facility.Site.Id);
            try
            {
                foreach (var node in nodes.Values)
                {
                    await node.ConnectAsync(cancellationToken);
                }
                var published = await RunAsync(sensors, nodes, parse.GetValue(roundsOption), parse.GetValue(seedOption), time, cancellationToken);
                logger.Published(published);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            finally
            {
                foreach (var node in nodes.Values)
                {
                    await node.DisposeAsync();
                }
            }
            return 0;
        });
        return command;
    }

    private static async Task<long> RunAsync(List<Sensor> sensors, Dictionary<(string, string), SparkplugEdgeNode> nodes, int? rounds, int seed,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var due = new PriorityQueue<SensorSignal, DateTimeOffset>();
        var start = time.GetUtcNow();
        foreach (var (sensor, index) in sensors.Select((s, i) => (s, i)))
        {
            due.Enqueue(new SensorSignal(sensor, seed + index), start + sensor.Interval * (index % 10 / 10.0));
        }
        var counts = new Dictionary<SensorId, int>();
        long published = 0;
        while (due.TryDequeue(out var signal, out var at))
        {
            var wait = at - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
            var address = signal.Sensor.Sparkplug!;
            await nodes[(address.Group, address.EdgeNode)].PublishAsync(signal.Next(at), cancellationToken);
            published++;
            var count = counts[signal.Sensor.Id] = counts.GetValueOrDefault(signal.Sensor.Id) + 1;
            if (rounds is null || count < rounds)
            {
                due.Enqueue(signal, at + signal.Sensor.Interval);
            }
        }
        return published;
    }
}
