namespace CleanroomMonitor.Storage.Buffer;

/// <summary>The durable buffer's disk budget (<see cref="DurableBufferOptions.MaxBytes"/>) would be exceeded by an
/// append. Nothing of that append was stored; the caller decides (back-pressure, alarm), because a GMP buffer
/// never drops accepted data to make room.</summary>
public sealed class BufferFullException : Exception
{
    public BufferFullException()
        : base("The durable buffer is full.")
    {
    }

    public BufferFullException(string message)
        : base(message)
    {
    }

    public BufferFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
