using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using YamlDotNet.RepresentationModel;

namespace CleanroomMonitor.IntegrationTests.Operations;

/// <summary>What can be checked of deploy/ without Docker: the compose file parses and mounts what exists, the image
/// installs what the local set-up installs, the systemd unit verifies, and the broker runs with the compose config.</summary>
public sealed class DeploymentFilesTests
{
    private static readonly string Deploy = Path.Combine(RepositoryPaths.Root, "deploy");
    private static readonly string ComposeFolder = Path.Combine(Deploy, "compose");

    /// <summary>Files each site makes (never committed): each must be explained in the README next to it.</summary>
    private static readonly Dictionary<string, string> SiteMade = new(StringComparer.Ordinal)
    {
        ["mosquitto/passwords"] = "mosquitto/README.md",
        ["secrets/mqtt_password"] = "secrets/README.md",
        ["secrets/influx_admin_password"] = "secrets/README.md",
        ["secrets/influx_password"] = "secrets/README.md",
        ["secrets/grafana_influx_password"] = "secrets/README.md",
        ["secrets/grafana_admin_password"] = "secrets/README.md",
        ["secrets/grafana.env"] = "secrets/README.md",
    };

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(ComposeFolder, "compose.yaml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static IEnumerable<string> Strings(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var list)
            ? ((YamlSequenceNode)list).Children.Select(c => ((YamlScalarNode)c).Value!)
            : [];

    [Fact]
    public void Compose_Parses_EveryReferencedFileExistsOrIsADocumentedSiteFile()
    {
        var compose = Compose();
        var services = Map(compose, "services");
        var referenced = new List<string>();
        foreach (var (name, service) in services.Children)
        {
            referenced.AddRange(Strings(service, "volumes").Select(v => v.Split(':')[0]).Where(v => v.StartsWith('.')));
            referenced.AddRange(Strings(service, "env_file"));
            if (((YamlMappingNode)service).Children.TryGetValue(new YamlScalarNode("build"), out var build))
            {
                var context = ((YamlScalarNode)((YamlMappingNode)build).Children[new YamlScalarNode("context")]).Value!;
                var dockerfile = ((YamlScalarNode)((YamlMappingNode)build).Children[new YamlScalarNode("dockerfile")]).Value!;
                referenced.Add(Path.Combine(context, dockerfile));
            }
        }
        foreach (var (_, secret) in Map(compose, "secrets").Children)
        {
            referenced.Add(((YamlScalarNode)((YamlMappingNode)secret).Children[new YamlScalarNode("file")]).Value!);
        }

        Assert.Equal(["mosquitto", "influxdb", "grafana", "cleanroom-monitor"], services.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        foreach (var path in referenced)
        {
            var relative = Path.GetRelativePath(ComposeFolder, Path.GetFullPath(Path.Combine(ComposeFolder, path))).Replace('\\', '/');
            if (SiteMade.TryGetValue(relative, out var readme))
            {
                var text = File.ReadAllText(Path.Combine(ComposeFolder, readme));
                Assert.True(text.Contains(Path.GetFileName(relative), StringComparison.Ordinal), $"{relative} is not explained in {readme}");
                continue;
            }
            Assert.True(File.Exists(Path.Combine(ComposeFolder, path)) || Directory.Exists(Path.Combine(ComposeFolder, path)), $"compose.yaml references {path}, which does not exist");
        }
    }

    [Fact]
    public void Compose_Grafana_MountsProvisioningAndDashboardsAsDashboardsReadmeSays()
    {
        var grafana = Map(Map(Compose(), "services"), "grafana");
        var volumes = Strings(grafana, "volumes").ToList();

        Assert.Contains("../grafana/provisioning:/etc/grafana/provisioning:ro", volumes);
        Assert.Contains("../../dashboards/generated:/var/lib/grafana/dashboards/cleanroom:ro", volumes);
    }

    [Fact]
    public void Compose_DependsOnHealthy_EveryDependencyHasAHealthCheck()
    {
        var services = Map(Compose(), "services");
        foreach (var (_, service) in services.Children)
        {
            if (!((YamlMappingNode)service).Children.TryGetValue(new YamlScalarNode("depends_on"), out var dependsOn))
            {
                continue;
            }
            foreach (var (dependency, condition) in ((YamlMappingNode)dependsOn).Children)
            {
                Assert.Equal("service_healthy", ((YamlScalarNode)((YamlMappingNode)condition).Children[new YamlScalarNode("condition")]).Value);
                Assert.True(((YamlMappingNode)services.Children[dependency]).Children.ContainsKey(new YamlScalarNode("healthcheck")), $"{dependency} has no healthcheck");
            }
        }
    }

    [Fact]
    public void Image_BuildIdentity_ComposePassesTheArgumentsTheDockerfileHandsToTheBuildsProperties()
    {
        // Issue 24: the image has no git work tree, so the commit and "modified" come in as build arguments and reach the
        // properties Directory.Build.props reads (GET /api/about, the OQ report's prerequisite).
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "Dockerfile"));
        var props = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"));
        var args = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Compose()["services"])["cleanroom-monitor"])["build"])["args"];

        Assert.Equal(["SOURCE_COMMIT", "SOURCE_MODIFIED"], args.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains("-p:SourceRevisionId=\"$SOURCE_COMMIT\" -p:CleanroomSourceModified=\"$SOURCE_MODIFIED\"", dockerfile, StringComparison.Ordinal);
        Assert.Contains("'$(CleanroomSourceModified)' == 'true' or '$(CleanroomSourceModified)' == 'false'", props, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_AptPackages_MatchTheLocalSetupScript()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "Dockerfile"));
        var setup = File.ReadAllText(Path.Combine(Deploy, "local", "setup.sh"));
        var image = Regex.Match(dockerfile, @"apt-get install -y --no-install-recommends ([^\\&\n]+)").Groups[1].Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var local = Regex.Match(setup, @"packages=\(([^)]*)\)").Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(image);
        Assert.Subset(local, image);                                        // nothing the local set-up does not know
        Assert.Subset(image, local.Where(p => p.StartsWith("lib", StringComparison.Ordinal)).ToHashSet());   // every native library the service binds
        Assert.Contains("USER $APP_UID", dockerfile, StringComparison.Ordinal);
        Assert.Contains("HEALTHCHECK", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SystemdUnit_SystemdAnalyzeVerify_NoWarnings()
    {
        using var directory = new TempDirectory("ops-systemd");
        var unit = directory.Combine("cleanroom-monitor.service");
        // The unit names /usr/bin/dotnet; verify it against this machine's dotnet wherever it is installed.
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileName(host) == "dotnet" ? host : "/usr/bin/dotnet";
        await File.WriteAllTextAsync(unit, (await File.ReadAllTextAsync(Path.Combine(Deploy, "systemd", "cleanroom-monitor.service")))
            .Replace("ExecStart=/usr/bin/dotnet", "ExecStart=" + dotnet, StringComparison.Ordinal));
        var info = new ProcessStartInfo("systemd-analyze", ["verify", unit]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await File.ReadAllTextAsync(unit);

        Assert.True(process.ExitCode == 0 && output.Trim().Length == 0, output);
        foreach (var setting in (string[])["NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "ReadWritePaths=/var/lib/cleanroom-monitor",
            "User=cleanroom-monitor", "Restart=on-failure", "EnvironmentFile=/etc/cleanroom-monitor/cleanroom-monitor.env"])
        {
            Assert.Contains("\n" + setting + "\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MosquittoConf_RunWithTestCertificates_TlsPasswordAclAndHealthListenerWork()
    {
        using var directory = new TempDirectory("ops-broker");
        var certificates = await TestCertificates.CreateAsync(directory);
        Directory.CreateDirectory(directory.Combine("data"));
        var password = "monitor-" + Guid.NewGuid().ToString("N");
        await RunAsync("mosquitto_passwd", ["-b", "-c", directory.Combine("passwords"), "cleanroom-monitor", password]);
        var (tlsPort, healthPort) = (FreePort.Next(), FreePort.Next());
        var mosquittoFolder = Path.Combine(ComposeFolder, "mosquitto");
        // The compose file's container paths, mapped onto the test's folder; the ports onto free loopback ports.
        var config = (await File.ReadAllTextAsync(Path.Combine(mosquittoFolder, "mosquitto.conf")))
            .Replace("/mosquitto/data/", directory.Combine("data") + "/", StringComparison.Ordinal)
            .Replace("/mosquitto/certs/ca.crt", certificates.CaFile, StringComparison.Ordinal)
            .Replace("/mosquitto/certs/server.crt", certificates.ServerCertFile, StringComparison.Ordinal)
            .Replace("/mosquitto/certs/server.key", certificates.ServerKeyFile, StringComparison.Ordinal)
            .Replace("/mosquitto/config/passwords", directory.Combine("passwords"), StringComparison.Ordinal)
            .Replace("/mosquitto/config/acl-health", Path.Combine(mosquittoFolder, "acl-health"), StringComparison.Ordinal)
            .Replace("/mosquitto/config/acl", Path.Combine(mosquittoFolder, "acl"), StringComparison.Ordinal)
            .Replace("listener 8883", $"listener {tlsPort} 127.0.0.1", StringComparison.Ordinal)
            .Replace("listener 1880 127.0.0.1", $"listener {healthPort} 127.0.0.1", StringComparison.Ordinal)
            + $"user {Environment.UserName}\n";
        Assert.DoesNotMatch(@"(?m)^[^#\n]*\s/mosquitto/", config);   // every container path mapped
        await File.WriteAllTextAsync(directory.Combine("mosquitto.conf"), config);
        await using var broker = ServerProcess.Start("/usr/sbin/mosquitto", ["-c", directory.Combine("mosquitto.conf")], directory.Path);
        await broker.WaitUntilReadyAsync(async ct =>
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            try
            {
                await tcp.ConnectAsync("127.0.0.1", tlsPort, ct);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10));

        await using var monitor = new MqttClient(new MqttClientOptions
        {
            Port = tlsPort, ClientId = "ops-monitor", CleanSession = true, CaFile = certificates.CaFile, Username = "cleanroom-monitor", Password = password,
        }, TimeProvider.System, NullLogger<MqttClient>.Instance);
        await using var health = new MqttClient(new MqttClientOptions { Port = healthPort, ClientId = "ops-health", CleanSession = true },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        health.Subscribe("$SYS/broker/uptime", 0);
        monitor.Start();
        health.Start();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await monitor.WaitUntilConnectedAsync(timeout.Token);
        var uptime = await health.Messages.ReadAsync(timeout.Token);   // the health check's one topic, anonymously

        Assert.Equal("$SYS/broker/uptime", uptime.Topic);
        Assert.Contains("persistence true", config, StringComparison.Ordinal);
        Assert.Contains("max_queued_messages 0", config, StringComparison.Ordinal);
        Assert.Contains("allow_anonymous false", config, StringComparison.Ordinal);
    }

    private static async Task RunAsync(string file, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} failed: {error}");
    }
}
