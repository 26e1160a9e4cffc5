namespace CleanroomMonitor.Service.Hosting;

/// <summary>A configuration file the service read at start-up, with the SHA-256 of its bytes then (GET /api/about): an OQ
/// run compares it with the file it was given, so the report shows whether it tested the configuration in use.</summary>
/// <param name="Role">"facility", "modbus" or "notifications".</param>
/// <param name="Path">The full path.</param>
/// <param name="Sha256">Lower-case hex.</param>
public sealed record ConfigurationFileHash(string Role, string Path, string Sha256)
{
    /// <summary>The file at <paramref name="path"/> (relative to the working directory, as the service reads it) hashed now.</summary>
    public static ConfigurationFileHash Of(string role, string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        return new(role, full, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(full))));
    }
}
