using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.Observability;

/// <summary>Secrets from files (Docker/compose secrets, systemd credentials, a root-only file): <c>Mqtt:PasswordFile</c>,
/// <c>Influx:TokenFile</c>, <c>Influx:PasswordFile</c>, <c>Notifications:Email:PasswordFile</c> and the gateways'
/// <c>HeaderFiles</c> are read once when the options are built, trimmed (a final
/// newline from <c>echo</c> is not part of a password), and replace the inline value (the file wins). A secret never comes from the
/// command line, where it would show in the process list and the shell history.</summary>
internal static class SecretFiles
{
    public static void Apply(MqttClientOptions options)
    {
        if (TryRead(options.PasswordFile, out var password))
        {
            options.Password = password;
        }
    }

    public static void Apply(InfluxOptions options)
    {
        if (TryRead(options.TokenFile, out var token))
        {
            options.Token = token;
        }
        if (TryRead(options.PasswordFile, out var password))
        {
            options.Password = password;
        }
    }

    /// <summary>Null when <paramref name="path"/> is unset or readable and not empty; otherwise why not (no secret in it).</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }
        try
        {
            return File.ReadAllText(path).Trim().Length == 0 ? "the file is empty" : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    /// <summary>The trimmed secret in <paramref name="path"/>; false when unset or unreadable (the validators report that).</summary>
    public static bool TryRead(string? path, out string value)
    {
        value = string.Empty;
        if (string.IsNullOrEmpty(path) || Problem(path) is not null)
        {
            return false;   // the validator reports it, with the path and the reason
        }
        value = File.ReadAllText(path).Trim();
        return true;
    }
}
