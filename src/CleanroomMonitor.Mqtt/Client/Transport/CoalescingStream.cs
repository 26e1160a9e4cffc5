namespace CleanroomMonitor.Mqtt.Client.Transport;

/// <summary>A connection stream whose writes are gathered and sent by one background flush, many packets per system call.
/// MQTTnet writes every packet on its own and holds its send lock while it does; with acknowledgement after the durable
/// commit a group commit releases thousands of PUBACKs at once, and one socket write each (with a thread hop for each
/// queued waiter of that lock) capped ingest well below what the broker delivers. Here a write copies the packet and
/// returns; the flush writes whatever has gathered meanwhile, in order.</summary>
internal sealed class CoalescingStream(Stream inner) : Stream
{
    /// <summary>Beyond this many unsent bytes a write waits for the flush: the peer reading slowly pushes back on us.</summary>
    private const int MaxPendingBytes = 1 << 20;

    private readonly Lock _gate = new();
    private MemoryStream _pending = new();
    private MemoryStream _sending = new();
    private Task _flushing = Task.CompletedTask;
    private TaskCompletionSource? _room;
    private Exception? _failure;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task? wait;
            lock (_gate)
            {
                if (_failure is { } failure)
                {
                    throw new IOException("The connection failed while sending.", failure);
                }
                if (_pending.Length < MaxPendingBytes)
                {
                    _pending.Write(buffer.Span);
                    if (_flushing.IsCompleted)
                    {
                        _flushing = Task.Run(FlushLoopAsync, CancellationToken.None);
                    }
                    return;
                }
                _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _room.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes when everything written so far is on the socket.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _flushing.WaitAsync(cancellationToken);
        }
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async Task FlushLoopAsync()
    {
        while (true)
        {
            TaskCompletionSource? room;
            lock (_gate)
            {
                if (_pending.Length == 0)
                {
                    return;   // _flushing completes with this task; the next write starts a new one
                }
                (_pending, _sending) = (_sending, _pending);
                _pending.SetLength(0);
                room = _room;
                _room = null;
            }
            room?.TrySetResult();
            try
            {
                await inner.WriteAsync(_sending.GetBuffer().AsMemory(0, (int)_sending.Length)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                lock (_gate)
                {
                    _failure = ex;
                    room = _room;
                    _room = null;
                }
                room?.TrySetResult();
                // Closing makes the pending read fail too, so the client sees the connection end and reconnects.
                inner.Dispose();
                return;
            }
        }
    }
}
