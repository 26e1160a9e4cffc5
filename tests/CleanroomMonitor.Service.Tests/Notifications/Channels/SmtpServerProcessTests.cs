using CleanroomMonitor.TestSupport;
using CleanroomMonitor.TestSupport.Smtp;

namespace CleanroomMonitor.Service.Tests.Notifications.Channels;

/// <summary>The SMTP fixture the email tests trust: a server that dies says why, instead of passing for a refusing relay.</summary>
public sealed class SmtpServerProcessTests
{
    [Fact]
    public async Task StartAsync_CertificateFileMissing_FailsWithTheServersTraceback()
    {
        using var folder = new TempDirectory("smtp-missing-cert");
        var missing = new TestCertificates(folder.Combine("ca.crt"), folder.Combine("server.crt"), folder.Combine("server.key"),
            folder.Combine("client.crt"), folder.Combine("client.key"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SmtpServerProcess.StartAsync(new SmtpServerOptions(SmtpTls.StartTls, missing)));

        Assert.Contains("exited with code", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Traceback", ex.Message, StringComparison.Ordinal);
    }
}
