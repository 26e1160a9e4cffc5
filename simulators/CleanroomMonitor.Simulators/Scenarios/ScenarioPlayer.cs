using System.Text;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Server;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.Modbus;
using CleanroomMonitor.Simulators.Publishing;
using CleanroomMonitor.Simulators.Signals;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>Plays a scenario over MQTT: every MQTT sensor of the facility on its own interval with its natural signal,
/// the scenario's events laid on top, MES batch messages on the MES topic, broken payloads where asked, room windows
/// through the API, and Modbus devices that stop answering (through the running <see cref="ModbusSimulation"/>). Time
/// follows a <see cref="ScenarioClock"/>.</summary>
internal sealed class ScenarioPlayer
{
    private readonly FacilityDefinition _facility;
    private readonly Scenario _scenario;
    private readonly MqttClient _client;
    private readonly TimeProvider _time;
    private readonly List<SensorSignal> _signals = [];
    private readonly Dictionary<RoomId, List<(DateTimeOffset From, DateTimeOffset? To)>> _operations = [];
    private readonly Dictionary<SensorId, DateTimeOffset> _lastStamp = [];
    private readonly Dictionary<SensorId, long> _published = [];
    private readonly Dictionary<SensorId, List<DateTimeOffset>> _sentAt = [];

    /// <param name="runId">Appended to batch numbers (numbers are unique forever, and a scenario may run again).</param>
    /// <param name="signals">The signals of a previous round to continue (a scenario played again keeps every device's
    /// state and sequence numbers); by default new ones from the scenario's seed.</param>
    public ScenarioPlayer(FacilityDefinition facility, Scenario scenario, MqttClient client, ScenarioClock clock, string runId, TimeProvider time,
        IReadOnlyList<SensorSignal>? signals = null)
    {
        _facility = facility;
        _scenario = scenario;
        _client = client;
        _time = time;
        Clock = clock;
        RunId = runId;
        if (signals is not null)
        {
            foreach (var signal in signals)
            {
                signal.ClearEffects();
                _signals.Add(signal);
            }
        }
        else
        {
            foreach (var (sensor, index) in facility.Sensors.Select((s, i) => (s, i)).Where(x => x.s.Topic is not null))
            {
                _signals.Add(new SensorSignal(sensor, scenario.Seed * 1000 + index));
            }
        }
        foreach (var e in scenario.Events)
        {
            AddEffects(e);
        }
    }

    public ScenarioClock Clock { get; }

    /// <summary>The facility the scenario plays in (its limits tell which side an excursion breached).</summary>
    public FacilityDefinition Facility => _facility;

    /// <summary>The API token the simulated MES names in its batch messages (the service refuses a message without one,
    /// docs/security.md); null publishes none.</summary>
    public string? MesToken { get; init; }

    public string RunId { get; }

    /// <summary>Called after a batch message is published, with the batch number and whether it started; the runner
    /// waits there until the service shows it, so no reading overtakes its batch.</summary>
    public Func<string, bool, CancellationToken, Task>? AfterBatch { get; init; }

    /// <summary>Declares a room window (room, kind, from, to, reason) with the service; required by <c>window</c> events.</summary>
    public Func<WindowDeclaration, CancellationToken, Task>? DeclareWindow { get; init; }

    /// <summary>The running Modbus simulation whose units <c>silent</c> events on Modbus sensors silence.</summary>
    public ModbusSimulation? Modbus { get; init; }

    /// <summary>The signals played (to continue them in a next round).</summary>
    public IReadOnlyList<SensorSignal> Signals => _signals;

    /// <summary>The timestamp of each sensor's last published sample.</summary>
    public IReadOnlyDictionary<SensorId, DateTimeOffset> LastStamps => _lastStamp;

    /// <summary>Samples published per sensor.</summary>
    public IReadOnlyDictionary<SensorId, long> Published => _published;

    /// <summary>When (wall clock) each sensor's samples were sent, in order: an OQ run tells the installation's data gaps
    /// that only mirror the kit's own silence (before the run, between scenarios) from those it must explain.</summary>
    public IReadOnlyDictionary<SensorId, List<DateTimeOffset>> SentAt => _sentAt;

    /// <summary>Wall time each event was played, by its index in the scenario's events.</summary>
    public Dictionary<int, DateTimeOffset> EventWallTimes { get; } = [];

    public string BatchNumber(string scenarioNumber) => $"{scenarioNumber}-{RunId}";

    /// <summary>Rooms in operation for the whole run (the demo's batch announced on the command line).</summary>
    public void MarkInOperation(IEnumerable<RoomId> rooms)
    {
        foreach (var room in rooms)
        {
            Operations(room).Add((DateTimeOffset.MinValue, null));
        }
    }

    /// <summary>Plays to the end of the scenario, or, with <paramref name="continueAfter"/>, on with natural signals until cancelled.</summary>
    public async Task PlayAsync(bool continueAfter, CancellationToken cancellationToken)
    {
        var due = new PriorityQueue<Action, TimeSpan>();
        var random = new Random(_scenario.Seed);
        foreach (var signal in _signals)
        {
            // First samples spread over each interval, so the broker does not see every sensor in the same millisecond.
            due.Enqueue(new Action(signal, -1), signal.Sensor.Interval * random.NextDouble());
        }
        for (var i = 0; i < _scenario.Events.Count; i++)
        {
            var e = _scenario.Events[i];
            if (e.Type is ScenarioEventType.BatchStart or ScenarioEventType.BatchEnd or ScenarioEventType.Malformed or ScenarioEventType.Window)
            {
                // Ahead of samples due at the same instant: the batch is announced before the readings it governs.
                due.Enqueue(new Action(null, i), e.At - TimeSpan.FromTicks(1));
            }
            else if (e.Type == ScenarioEventType.Silent && IsModbus(e.Sensor))
            {
                // A Modbus unit stops answering at the start and answers again at the end (the poller's clock judges it).
                due.Enqueue(new Action(null, i), e.At);
                due.Enqueue(new Action(null, i, End: true), e.End);
            }
            else
            {
                due.Enqueue(new Action(null, i), e.At);
            }
        }
        while (due.TryDequeue(out var action, out var at))
        {
            if (at > Clock.Duration && !continueAfter)
            {
                break;
            }
            var wait = Clock.WallAt(at < TimeSpan.Zero ? TimeSpan.Zero : at) - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken);
            }
            if (action.Signal is { } signal)
            {
                await SampleAsync(signal, at, cancellationToken);
                due.Enqueue(action, at + signal.Sensor.Interval);
            }
            else if (action.End)
            {
                SetModbusFault(_scenario.Events[action.Event], UnitFault.None);
            }
            else
            {
                EventWallTimes[action.Event] = _time.GetUtcNow();
                await PlayEventAsync(_scenario.Events[action.Event], cancellationToken);
            }
        }
    }

    private bool IsModbus(string? sensor) =>
        sensor is not null && _facility.TryGetSensor(new SensorId(sensor), out var s) && s.Source == SensorSource.Modbus;

    private void SetModbusFault(ScenarioEvent e, UnitFault fault)
    {
        var modbus = Modbus ?? throw new InvalidOperationException(
            $"{_scenario.Name}: {e.Path} silences Modbus sensor {e.Sensor}, but no Modbus simulation runs (give the connection file with --modbus)");
        modbus.Device(new SensorId(e.Sensor!)).Unit.Fault = fault;
    }

    private async Task SampleAsync(SensorSignal signal, TimeSpan at, CancellationToken cancellationToken)
    {
        var stamp = Clock.Stamp(at);
        var sensor = signal.Sensor;
        var events = _scenario.Events.Where(e => e.Sensor == sensor.Id.Value && e.At <= at && at < e.End).ToList();
        signal.InOperation = InOperation(sensor.Room, stamp);
        var sample = signal.Next(stamp);
        if (events.Any(e => e.Type == ScenarioEventType.Silent))
        {
            return;   // the device is off: nothing sampled, nothing sent
        }
        var skew = events.FirstOrDefault(e => e.Type == ScenarioEventType.ClockSkew);
        if (skew is not null)
        {
            // Off by the skew from the service's clock (the wall clock as it is sent), not from the scenario's timeline:
            // in an accelerated run the timeline lags the wall clock, which would eat into a fast clock's lead.
            sample = sample with { Timestamp = Clock.WallAt(at) + skew.Skew };
        }
        await _client.PublishAsync(sensor.Topic!, SamplePayload.Encode(sample), qos: 1, retain: false, cancellationToken);
        if (skew is null)
        {
            _lastStamp[sensor.Id] = sample.Timestamp;   // a skewed sample may be refused: the checker waits only for good ones
        }
        _published[sensor.Id] = _published.GetValueOrDefault(sensor.Id) + 1;
        if (!_sentAt.TryGetValue(sensor.Id, out var sent))
        {
            _sentAt[sensor.Id] = sent = [];
        }
        sent.Add(_time.GetUtcNow());
    }

    private async Task PlayEventAsync(ScenarioEvent e, CancellationToken cancellationToken)
    {
        var mes = $"{_facility.Site.TopicRoot}/{_facility.Site.Id}/mes/batches";
        switch (e.Type)
        {
            case ScenarioEventType.BatchStart:
                await _client.PublishAsync(mes, JsonSerializer.SerializeToUtf8Bytes(new
                {
                    action = "start", number = BatchNumber(e.Batch!), product = e.Product, tenant = e.Tenant, rooms = e.Rooms, process = e.Process,
                    at = Clock.Stamp(e.At), by = "simulated-mes", token = MesToken,
                }), qos: 1, retain: false, cancellationToken);
                if (AfterBatch is not null)
                {
                    await AfterBatch(BatchNumber(e.Batch!), true, cancellationToken);
                }
                break;
            case ScenarioEventType.BatchEnd:
                await _client.PublishAsync(mes, JsonSerializer.SerializeToUtf8Bytes(new { action = "end", number = BatchNumber(e.Batch!), at = Clock.Stamp(e.At), by = "simulated-mes", token = MesToken }),
                    qos: 1, retain: false, cancellationToken);
                if (AfterBatch is not null)
                {
                    await AfterBatch(BatchNumber(e.Batch!), false, cancellationToken);
                }
                break;
            case ScenarioEventType.Silent when IsModbus(e.Sensor):
                SetModbusFault(e, UnitFault.Silent);
                break;
            case ScenarioEventType.Window:
                var declare = DeclareWindow ?? throw new InvalidOperationException(
                    $"{_scenario.Name}: {e.Path} declares a room window through the API: give --api and a token with the Operator role");
                // Windows start when declared, on the service's clock (a window is declared before it applies, never after).
                var from = _time.GetUtcNow().AddSeconds(1);
                await declare(new WindowDeclaration(e.Room!, e.WindowKind, from, from + e.Duration, e.Reason!), cancellationToken);
                break;
            case ScenarioEventType.Malformed:
                var sensor = _facility.Sensors.First(s => s.Id.Value == e.Sensor);
                for (var i = 0; i < Math.Max(1, e.Repeat); i++)
                {
                    await _client.PublishAsync(sensor.Topic!, MalformedPayload(sensor, e.PayloadKind, Clock.Stamp(e.At)), qos: 1, retain: false, cancellationToken);
                }
                break;
        }
    }

    /// <summary>Broken samples a faulty gateway sends (docs/mqtt.md "What is refused"); they carry no sequence number,
    /// so the device's numbering stays whole.</summary>
    internal static byte[] MalformedPayload(Sensor sensor, string kind, DateTimeOffset at)
    {
        var ts = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        var parameter = sensor.Parameters[0];
        var counted = parameter.Info().IsParticleCount;
        var head = $"{{\"sensor\":\"{sensor.Id.Value}\",\"ts\":\"{ts}\",";
        var name = parameter.WireName();
        var text = kind switch
        {
            "truncated" => head + "\"val",
            "not-finite" => counted
                ? head + $"\"counts\":{{\"{name}\":\"NaN\"}},\"volume_l\":28.3}}"
                : head + $"\"values\":{{\"{name}\":\"NaN\"}}}}",
            "negative-count" => head + "\"counts\":{\"particles_0_5um\":-3},\"volume_l\":28.3}",
            "no-volume" => head + "\"counts\":{\"particles_0_5um\":12}}",
            _ => head + $"\"values\":{{\"{name}\":true}}}}",
        };
        return Encoding.UTF8.GetBytes(text);
    }

    private void AddEffects(ScenarioEvent e)
    {
        var from = Clock.Stamp(e.At);
        var until = Clock.Stamp(e.End);
        switch (e.Type)
        {
            case ScenarioEventType.BatchStart:
                foreach (var room in e.Rooms)
                {
                    Operations(new RoomId(room)).Add((from, null));
                }
                break;
            case ScenarioEventType.BatchEnd:
                var start = _scenario.Events.LastOrDefault(s => s.Type == ScenarioEventType.BatchStart && s.Batch == e.Batch && s.At <= e.At);
                foreach (var room in start?.Rooms ?? [])
                {
                    var list = Operations(new RoomId(room));
                    var open = list.FindLastIndex(o => o.To is null);
                    if (open >= 0)
                    {
                        list[open] = (list[open].From, from);
                    }
                }
                break;
            case ScenarioEventType.DoorOpen:
                foreach (var signal in Targets(e))
                {
                    if (signal.Sensor.Equipment == Equipment.Incubator)
                    {
                        signal.Add(new EquipmentDoor(from, until, e.Co2Drop, e.TemperatureDrop));
                    }
                    else if (signal.Sensor.Measures(Parameter.DifferentialPressure))
                    {
                        signal.Add(new ValueShift(from, until, Parameter.DifferentialPressure, -e.DropPa) { Samples = e.Samples });
                    }
                }
                break;
            case ScenarioEventType.ParticleBurst:
                foreach (var signal in Targets(e).Where(s => s.Sensor.Parameters.Any(p => p.Info().IsParticleCount)))
                {
                    signal.Add(new ParticleBurst(from, until, e.Size, e.PerCubicMetre, e.Count) { Samples = e.Samples, Pattern = e.Counts });
                }
                break;
            case ScenarioEventType.Fault:
                Signal(e.Sensor!).Add(new FaultEffect(from, until, e.Faults) { Samples = e.Samples });
                break;
            case ScenarioEventType.FanLoss:
                foreach (var signal in Targets(e).Where(s => s.Sensor.Measures(Parameter.DifferentialPressure)))
                {
                    signal.Add(new ValueOverride(from, until, Parameter.DifferentialPressure, e.PressurePa));
                }
                break;
            case ScenarioEventType.Set:
                Signal(e.Sensor!).Add(new ValueOverride(from, until, e.Parameter!.Value, e.Value) { Samples = e.Samples });
                break;
            case ScenarioEventType.Defrost:
                Signal(e.Sensor!).Add(new Defrost(from, until, e.RisePeak));
                break;
        }
    }

    private IEnumerable<SensorSignal> Targets(ScenarioEvent e) =>
        e.Sensor is { } id ? [Signal(id)] : _signals.Where(s => s.Sensor.Room.Value == e.Room);

    private SensorSignal Signal(string id) => _signals.First(s => s.Sensor.Id.Value == id);

    private List<(DateTimeOffset From, DateTimeOffset? To)> Operations(RoomId room)
    {
        if (!_operations.TryGetValue(room, out var list))
        {
            _operations[room] = list = [];
        }
        return list;
    }

    private bool InOperation(RoomId room, DateTimeOffset at) =>
        _operations.TryGetValue(room, out var list) && list.Any(o => o.From <= at && (o.To is null || at < o.To));

    private readonly record struct Action(SensorSignal? Signal, int Event, bool End = false);
}
