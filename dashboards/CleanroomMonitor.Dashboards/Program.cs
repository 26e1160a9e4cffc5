using System.CommandLine;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Dashboards.Generation;
using CleanroomMonitor.Dashboards.Publishing;

var facilityOption = new Option<FileInfo>("--facility") { Description = "The facility definition file", Required = true };
var outOption = new Option<DirectoryInfo>("--out") { Description = "Where to write the dashboards", DefaultValueFactory = _ => new DirectoryInfo("dashboards/generated") };
var dirOption = new Option<DirectoryInfo>("--dir") { Description = "The committed dashboards to check", DefaultValueFactory = _ => new DirectoryInfo("dashboards/generated") };
var grafanaOption = new Option<string>("--grafana") { Description = "Grafana's base address, e.g. http://127.0.0.1:3000 (token from GRAFANA_TOKEN or GRAFANA_TOKEN_FILE)", Required = true };
var folderOption = new Option<string>("--folder") { Description = "The Grafana folder to publish into (created if missing)", DefaultValueFactory = _ => "Cleanroom monitoring" };
var dryRunOption = new Option<bool>("--dry-run") { Description = "Print what would change; make no changes" };

var generate = new Command("generate", "Write one JSON file per dashboard") { facilityOption, outOption };
generate.SetAction(parse =>
{
    var dashboards = DashboardGenerator.Generate(FacilityReader.Load(parse.GetValue(facilityOption)!.FullName));
    var directory = parse.GetValue(outOption)!;
    directory.Create();
    foreach (var stale in directory.GetFiles("*.json").Where(f => dashboards.All(d => d.FileName != f.Name)))
    {
        stale.Delete();   // a room removed from the facility must not leave its dashboard behind
        Console.WriteLine($"removed {stale.Name}");
    }
    foreach (var dashboard in dashboards)
    {
        File.WriteAllText(Path.Combine(directory.FullName, dashboard.FileName), dashboard.Json);
        Console.WriteLine($"wrote {dashboard.FileName}  \"{dashboard.Dashboard.Title}\"");
    }
    return 0;
});

var check = new Command("check", "Fail when the committed dashboards differ from what the generator produces") { facilityOption, dirOption };
check.SetAction(parse =>
{
    var dashboards = DashboardGenerator.Generate(FacilityReader.Load(parse.GetValue(facilityOption)!.FullName));
    var drift = DriftCheck.Run(dashboards, parse.GetValue(dirOption)!.FullName);
    if (!drift.HasDrift)
    {
        Console.WriteLine($"{dashboards.Count} dashboards up to date");
        return 0;
    }
    Console.Error.Write(drift.ToString());
    Console.Error.WriteLine("The committed dashboards are out of date: run `dotnet run --project dashboards/CleanroomMonitor.Dashboards -- generate --facility <file>` and commit.");
    return 1;
});

var publish = new Command("publish", "Create or update the dashboards in a running Grafana") { facilityOption, grafanaOption, folderOption, dryRunOption };
publish.SetAction(async (parse, cancellationToken) =>
{
    var facility = FacilityReader.Load(parse.GetValue(facilityOption)!.FullName);
    if (GrafanaToken.Read(Environment.GetEnvironmentVariable, out var problem) is not { } token)
    {
        await Console.Error.WriteLineAsync(problem);
        return 2;
    }
    if (!Uri.TryCreate(parse.GetValue(grafanaOption), UriKind.Absolute, out var grafana) || grafana.Scheme is not ("http" or "https"))
    {
        await Console.Error.WriteLineAsync($"--grafana '{parse.GetValue(grafanaOption)}': expected an http(s) address such as http://127.0.0.1:3000");
        return 2;
    }
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    var publisher = new DashboardPublisher(new GrafanaClient(http, grafana, token), Console.Out);
    try
    {
        await publisher.PublishAsync(DashboardGenerator.Generate(facility), parse.GetValue(folderOption)!, facility.Version, parse.GetValue(dryRunOption), cancellationToken);
        return 0;
    }
    catch (GrafanaApiException ex)
    {
        await Console.Error.WriteLineAsync(ex.Message);
        return 1;
    }
});

var root = new RootCommand("Grafana dashboards generated from the facility definition and its limits") { generate, check, publish };
try
{
    var parsed = root.Parse(args);
    if (parsed.Errors.Count > 0)
    {
        // Exit 2, as for a bad facility file or --grafana: System.CommandLine's own 1 would read as "out of date" from check.
        foreach (var problem in parsed.Errors)
        {
            await Console.Error.WriteLineAsync(problem.Message);
        }
        await Console.Error.WriteLineAsync("(--help lists the commands and their options)");
        return 2;
    }
    return await parsed.InvokeAsync();
}
catch (ConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
