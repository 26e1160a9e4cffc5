using System.Diagnostics;
using System.Globalization;
using CleanroomMonitor.Benchmarks.Suite;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Simulators.Modbus;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Benchmarks.LiveBoard;

/// <summary>The demo facility running as the demo runs it: the Modbus simulator serving suites 4 and 5, the service in
/// a process of its own polling them, and every MQTT sensor publishing at its configured interval. The live-board and
/// site-load benchmarks measure the service's cost on it.</summary>
internal sealed class DemoSite : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly ServerProcess _modbus;

    private DemoSite(TempDirectory directory, ServerProcess modbus, ServiceProcess service, DemoTraffic traffic, FacilityDefinition facility)
    {
        _directory = directory;
        _modbus = modbus;
        Service = service;
        Traffic = traffic;
        Facility = facility;
    }

    public FacilityDefinition Facility { get; }

    public ServiceProcess Service { get; }

    public DemoTraffic Traffic { get; }

    /// <param name="admin">An administrator account made with the service's command line before it starts, when given.</param>
    public static async Task<DemoSite> StartAsync(MosquittoProcess broker, InfluxProcess influx, string name, (string User, string Password)? admin,
        CancellationToken cancellationToken)
    {
        var directory = new TempDirectory("bench-" + name);
        ServerProcess? modbus = null;
        ServiceProcess? service = null;
        try
        {
            var facility = FacilityReader.Load(RepositoryPaths.DemoFacility);
            var modbusFile = await WriteModbusFileAsync(directory, FreePort.Next(), cancellationToken);
            var settings = new ServiceSettings(broker.Port, influx.Url, name, directory.Path, RepositoryPaths.DemoFacility)
            {
                ModbusFile = modbusFile,
                MqttClientId = "bench-service-" + name,
                ActivityInterval = null,
                LogLevel = "Warning",
            };
            if (admin is { } account)
            {
                await AddAdminAsync(settings, account.User, account.Password, cancellationToken);
            }
            // Suites 4 and 5 are read over Modbus TCP, as in the demo: the simulator serves their devices in its own
            // process, started first so that the service finds them at its first poll.
            modbus = ServerProcess.Start("dotnet", [typeof(ModbusSimulation).Assembly.Location, "modbus", "--facility", RepositoryPaths.DemoFacility, "--modbus", modbusFile]);
            await modbus.WaitUntilReadyAsync(_ => Task.FromResult(modbus.Output.Contains("Serving Modbus connection", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(30), cancellationToken);
            service = await ServiceProcess.StartAsync(settings, cancellationToken);
            var traffic = await DemoTraffic.ConnectAsync(facility, broker.Port, cancellationToken);
            traffic.Start();
            var site = new DemoSite(directory, modbus, service, traffic, facility);
            await site.WaitForReadingsAsync(traffic.Sensors * 3, cancellationToken);
            return site;
        }
        catch
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
            if (modbus is not null)
            {
                await modbus.DisposeAsync();
            }
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The service's CPU over <paramref name="hold"/> with what the site publishes meanwhile.</summary>
    public async Task<CpuWindow> MeasureWindowAsync(TimeSpan hold, CancellationToken cancellationToken)
    {
        var machine = MachineCpu.Read();
        var cpu = Service.CpuTime();
        var published = Traffic.Published;
        var clock = Stopwatch.StartNew();
        // The measuring window itself: CPU is read across it.
        await Task.Delay(hold, cancellationToken);
        var elapsed = clock.Elapsed;
        return new CpuWindow(elapsed, Service.CpuTime() - cpu, Traffic.Published - published, MachineCpu.Read().BusySince(machine));
    }

    public async ValueTask DisposeAsync()
    {
        await Traffic.DisposeAsync();
        await Service.DisposeAsync();
        await _modbus.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Waits until the service has accepted <paramref name="readings"/>, so every sensor has reported before measuring.</summary>
    private Task WaitForReadingsAsync(int readings, CancellationToken cancellationToken) =>
        Eventually.UntilAsync(async ct => await Service.MetricAsync("cleanroom_readings_accepted_total", ct) >= readings, TimeSpan.FromMinutes(1),
            $"the service to accept {readings} readings", () => Task.FromResult($"Service output:\n{Service.Output}"), cancellationToken);

    /// <summary>The demo's Modbus connection file on a free port, with its profiles folder made absolute (as deploy/local/demo.sh does).</summary>
    private static async Task<string> WriteModbusFileAsync(TempDirectory directory, int port, CancellationToken cancellationToken)
    {
        var demo = Path.Combine(RepositoryPaths.Root, "deploy", "config", "modbus.demo.json");
        var text = await File.ReadAllTextAsync(demo, cancellationToken);
        var moved = text.Replace("\"port\": 15020", string.Create(CultureInfo.InvariantCulture, $"\"port\": {port}"), StringComparison.Ordinal)
            .Replace("\"profiles\": \"profiles\"", $"\"profiles\": \"{Path.Combine(RepositoryPaths.Root, "deploy", "config", "profiles")}\"", StringComparison.Ordinal);
        if (moved.Contains("15020", StringComparison.Ordinal) || moved.Contains("\"profiles\": \"profiles\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{demo} no longer has the port 15020 and the profiles folder this benchmark moves");
        }
        var file = directory.Combine("modbus.json");
        await File.WriteAllTextAsync(file, moved, cancellationToken);
        return file;
    }

    /// <summary>Creates the admin account with the service's own command line, as an operator would before the first
    /// start: <c>users add-admin</c> with the password on standard input.</summary>
    private static async Task AddAdminAsync(ServiceSettings settings, string user, string password, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[ServiceExecutable.AssemblyPath, "users", "add-admin", "--user", user, "--name", "Benchmark Admin"])
        {
            info.ArgumentList.Add(argument);
        }
        // The users command ignores configuration on its command line (it would be read as the command's own
        // options), so the records file and the rest reach it as environment variables.
        foreach (var (key, value) in (settings with { Listen = null }).ToEnvironment())
        {
            info.Environment[key] = value;
        }
        // From standard input, not the environment: the way the README tells an operator to do it.
        info.Environment.Remove("CLEANROOM_ADMIN_PASSWORD");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the service's users command");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardInput.WriteLineAsync(password.AsMemory(), cancellationToken);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"users add-admin exited with {process.ExitCode}: {await output}{await error}");
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
