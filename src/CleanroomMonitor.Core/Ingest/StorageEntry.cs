using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>One item of the storage channel, in the order the ingest pump took the samples in: a reading to commit to the
/// durable buffer, a source's acknowledgement to give once the commit holding everything before it has returned, or both
/// (the last reading of a sample carries the sample's acknowledgement). A sample that stores nothing (refused, or only
/// repeats) still sends its acknowledgement this way, so it never overtakes the commit of the samples before it.</summary>
public readonly record struct StorageEntry(Reading? Reading, Action? Acknowledge);
