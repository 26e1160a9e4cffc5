namespace CleanroomMonitor.Simulators.Modbus;

/// <summary>A <see cref="ModbusSimulation"/> serving and presenting readings in the background for as long as a run lasts;
/// disposing stops it.</summary>
internal sealed class ServedModbus : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _presenting;

    private ServedModbus(ModbusSimulation simulation, CancellationToken cancellationToken)
    {
        Simulation = simulation;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        simulation.Start();
        _presenting = simulation.RunAsync(rounds: null, _stop.Token);
    }

    public ModbusSimulation Simulation { get; }

    public static ServedModbus Start(ModbusSimulation simulation, CancellationToken cancellationToken) => new(simulation, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _presenting;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }
        Simulation.Dispose();
        _stop.Dispose();
    }
}
