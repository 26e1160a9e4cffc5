using System.Runtime.InteropServices;

namespace CleanroomMonitor.Simulators.CommandLine;

/// <summary>Ctrl+C (SIGINT) and SIGTERM as a cancellation token for the command, registered before the command starts. The
/// long-running commands (<c>mqtt</c>, <c>modbus</c>, <c>sparkplug</c>) stop on it, disconnect and print what they sent.
/// System.CommandLine 2.0.0 does not cover this: a new <c>InvocationConfiguration</c> leaves its termination timeout null, so
/// it registered no handler and a signal killed the process (exit 143, no final line: issue 24); with a timeout it registers
/// its handler only once the action has started, after <c>modbus</c> already listens, so a stop in between still killed it.
/// A second signal, while the command is stopping, ends the process at once.</summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public StopSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    public CancellationToken Token => _stopping.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stopping.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;   // the default action: terminate
        }
        context.Cancel = true;
        _stopping.Cancel();
    }
}
