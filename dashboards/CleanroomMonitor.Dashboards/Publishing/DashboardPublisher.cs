using System.Text.Json.Nodes;
using CleanroomMonitor.Dashboards.Generation;
using CleanroomMonitor.Dashboards.Model;

namespace CleanroomMonitor.Dashboards.Publishing;

/// <summary>Upserts the generated dashboards into a running Grafana: finds the folder by title (creating it with a
/// uid derived from the title when missing), compares each dashboard with the one of the same uid, and saves those
/// that are new or differ with <c>overwrite: true</c>. A dry run makes only GET requests and prints what would
/// change; if Grafana cannot be reached it lists what would be created.</summary>
public sealed class DashboardPublisher(GrafanaClient grafana, TextWriter output)
{
    public async Task<IReadOnlyList<DashboardChange>> PublishAsync(
        IReadOnlyList<GeneratedDashboard> dashboards, string folderTitle, string facilityVersion, bool dryRun, CancellationToken cancellationToken)
    {
        IReadOnlyList<GrafanaFolder> folders;
        try
        {
            folders = await grafana.GetFoldersAsync(cancellationToken);
        }
        catch (GrafanaApiException ex) when (dryRun && ex.Status is null)
        {
            await output.WriteLineAsync($"dry run: {ex.Message}");
            await output.WriteLineAsync($"dry run: cannot compare; on a Grafana without them, publishing would create folder \"{folderTitle}\" and:");
            var all = dashboards.Select(d => new DashboardChange(d.Dashboard.Uid, d.Dashboard.Title, DashboardChangeKind.Create, [])).ToList();
            foreach (var change in all)
            {
                await output.WriteLineAsync("  " + change);
            }
            return all;
        }

        var folder = folders.FirstOrDefault(f => string.Equals(f.Title, folderTitle, StringComparison.OrdinalIgnoreCase));
        var folderUid = folder?.Uid ?? DashboardUid.Folder(folderTitle);
        if (folder is null)
        {
            if (dryRun)
            {
                await output.WriteLineAsync($"dry run: would create folder \"{folderTitle}\" (uid {folderUid})");
            }
            else
            {
                folder = await grafana.CreateFolderAsync(folderUid, folderTitle, cancellationToken);
                folderUid = folder.Uid;
                await output.WriteLineAsync($"created folder \"{folder.Title}\" (uid {folder.Uid})");
            }
        }

        var changes = new List<DashboardChange>();
        foreach (var generated in dashboards)
        {
            var json = (JsonObject)DashboardJson.ToNode(generated.Dashboard);
            var stored = await grafana.GetDashboardAsync(generated.Dashboard.Uid, cancellationToken);
            var change = stored is null
                ? new DashboardChange(generated.Dashboard.Uid, generated.Dashboard.Title, DashboardChangeKind.Create, [])
                : DashboardDiff.Compare(json, stored.Dashboard, stored.FolderUid, folderUid) is { Count: > 0 } differences
                    ? new DashboardChange(generated.Dashboard.Uid, generated.Dashboard.Title, DashboardChangeKind.Update, differences)
                    : new DashboardChange(generated.Dashboard.Uid, generated.Dashboard.Title, DashboardChangeKind.Unchanged, []);
            changes.Add(change);
            if (dryRun || change.Kind == DashboardChangeKind.Unchanged)
            {
                await output.WriteLineAsync((dryRun ? "dry run: " : "") + change);
                continue;
            }
            var version = await grafana.SaveDashboardAsync(json, folderUid, $"CleanroomMonitor.Dashboards: facility version {facilityVersion}", cancellationToken);
            await output.WriteLineAsync($"{change} → version {version}");
        }
        return changes;
    }
}
