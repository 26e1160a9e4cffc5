using System.Security.Cryptography;

namespace CleanroomMonitor.Simulators.Oq;

/// <summary>A file the OQ run depended on, with its SHA-256 when the run began: the report names exactly which facility,
/// connection file and scenario library it qualified, so a later change to any of them is visible.</summary>
/// <param name="Role">What it is to the run: "facility", "modbus", "scenario".</param>
internal sealed record OqInput(string Role, string Path, string Sha256)
{
    public static OqInput Of(string role, string path) =>
        new(role, System.IO.Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));

    /// <summary>The library's version: a hash over its scenario files' hashes in file order, so one edited row makes a new
    /// protocol version.</summary>
    public static string LibraryVersion(IEnumerable<OqInput> inputs) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join('\n', inputs.Where(i => i.Role == "scenario").Select(i => $"{System.IO.Path.GetFileName(i.Path)} {i.Sha256}")))))[..12];
}
