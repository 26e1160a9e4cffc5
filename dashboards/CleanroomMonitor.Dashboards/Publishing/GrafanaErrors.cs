using System.Net;

namespace CleanroomMonitor.Dashboards.Publishing;

/// <summary>What an error answer from Grafana's HTTP API means for this publisher, in words an operator can act on.</summary>
public static class GrafanaErrors
{
    public static string Describe(HttpStatusCode status, string request, string? grafanaMessage, string? grafanaStatus, Uri grafana)
    {
        var said = grafanaMessage is null ? "" : $" Grafana said: \"{grafanaMessage}\"" + (grafanaStatus is null ? "." : $" ({grafanaStatus}).");
        var code = (int)status;
        return code switch
        {
            401 => $"{request}: 401 Unauthorized: Grafana at {grafana} did not accept the token. Check that {GrafanaToken.EnvironmentVariable} (or the file in {GrafanaToken.FileEnvironmentVariable}) holds a current service-account token of this Grafana and organisation.{said}",
            403 => $"{request}: 403 Forbidden: the service account may not do this. It needs the Editor role (or dashboards:write and folders:create on the folder).{said}",
            404 => $"{request}: 404 Not Found at {grafana}. Check --grafana (include a sub-path if Grafana is served under one, e.g. http://host:3000/grafana) and that the folder still exists.{said}",
            412 => $"{request}: 412 Precondition Failed: {Precondition(grafanaStatus)}{said}",
            _ => $"{request}: {code} {status}.{said}",
        };
    }

    private static string Precondition(string? grafanaStatus) => grafanaStatus switch
    {
        "version-mismatch" => "version conflict: the dashboard was changed in Grafana since it was read. The publisher sends overwrite=true, so a proxy or an older Grafana dropped it; publish again, or delete the dashboard in Grafana.",
        "name-exists" => "a different dashboard with the same title already exists in the folder. Rename or delete it in Grafana, or publish to another --folder.",
        "plugin-dashboard" => "the dashboard belongs to a plugin and cannot be overwritten.",
        _ => "version conflict: Grafana refused to overwrite the dashboard (a newer version, or a same-named dashboard in the folder).",
    };
}
