namespace CleanroomMonitor.Simulators.Oq.Protocol;

/// <summary>The facility file a protocol is generated from, as its files name it.</summary>
/// <param name="DisplayPath">The path as given on the command line.</param>
/// <param name="Sha256">The SHA-256 of the file's bytes (lower-case hex): a reviewer checks it against the approved file.</param>
/// <param name="RelativeToOut">The file relative to the output folder (each scenario's informational "facility").</param>
internal sealed record ProtocolSource(string DisplayPath, string Sha256, string RelativeToOut);
