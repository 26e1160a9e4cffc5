namespace CleanroomMonitor.Dashboards.Publishing;

/// <summary>Reads the Grafana service-account token from the environment: <c>GRAFANA_TOKEN</c>, or the file named by
/// <c>GRAFANA_TOKEN_FILE</c> (a mounted secret). Never from the command line, where it would end up in shell history
/// and in the process list.</summary>
public static class GrafanaToken
{
    public const string EnvironmentVariable = "GRAFANA_TOKEN";

    public const string FileEnvironmentVariable = "GRAFANA_TOKEN_FILE";

    /// <summary>The token, or null with <paramref name="problem"/> saying what is missing.</summary>
    public static string? Read(Func<string, string?> environment, out string? problem)
    {
        problem = null;
        if (environment(EnvironmentVariable) is { Length: > 0 } token)
        {
            return token.Trim();
        }
        if (environment(FileEnvironmentVariable) is { Length: > 0 } path)
        {
            try
            {
                var fromFile = File.ReadAllText(path).Trim();
                if (fromFile.Length > 0)
                {
                    return fromFile;
                }
                problem = $"{FileEnvironmentVariable} names {path}, which is empty.";
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problem = $"{FileEnvironmentVariable} names {path}, which cannot be read: {ex.Message}";
                return null;
            }
        }
        problem = $"No Grafana token: set {EnvironmentVariable} to a service-account token, or {FileEnvironmentVariable} to a file holding one.";
        return null;
    }
}
