namespace CleanroomMonitor.Storage.Buffer;

/// <summary>Records read from a <see cref="DurableBuffer"/>, oldest first, and the position just after the last one.</summary>
/// <param name="Records">The record payloads exactly as they were appended.</param>
/// <param name="End">Pass this to <see cref="DurableBuffer.AcknowledgeAsync"/> once the records are stored.</param>
public sealed record BufferBatch(IReadOnlyList<ReadOnlyMemory<byte>> Records, BufferPosition End);
