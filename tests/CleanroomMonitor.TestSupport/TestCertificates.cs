using System.Diagnostics;

namespace CleanroomMonitor.TestSupport;

/// <summary>A throw-away CA and a server certificate for 127.0.0.1 (SAN IP:127.0.0.1), made with Debian's openssl,
/// as a site would make them for its broker (deploy/compose/mosquitto/README.md) or its mail relay.</summary>
public sealed record TestCertificates(string CaFile, string ServerCertFile, string ServerKeyFile, string ClientCertFile, string ClientKeyFile)
{
    public static async Task<TestCertificates> CreateAsync(TempDirectory directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string F(string name) => directory.Combine(name);
        await File.WriteAllTextAsync(F("server.ext"), "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n", cancellationToken);
        await File.WriteAllTextAsync(F("client.ext"), "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n", cancellationToken);
        string[] ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
        await OpenSslAsync(["req", "-x509", .. ec, "-keyout", F("ca.key"), "-out", F("ca.crt"), "-days", "2", "-subj", "/CN=Cleanroom test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], cancellationToken);
        foreach (var name in (string[])["server", "client"])
        {
            await OpenSslAsync(["req", .. ec, "-keyout", F(name + ".key"), "-out", F(name + ".csr"), "-subj", name == "server" ? "/CN=127.0.0.1" : "/CN=cleanroom-monitor"], cancellationToken);
            await OpenSslAsync(["x509", "-req", "-in", F(name + ".csr"), "-CA", F("ca.crt"), "-CAkey", F("ca.key"), "-CAcreateserial",
                "-out", F(name + ".crt"), "-days", "2", "-extfile", F(name + ".ext")], cancellationToken);
        }
        return new TestCertificates(F("ca.crt"), F("server.crt"), F("server.key"), F("client.crt"), F("client.key"));
    }

    private static async Task OpenSslAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start openssl.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
