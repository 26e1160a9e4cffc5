using CleanroomMonitor.TestSupport;
using CleanroomMonitor.TestSupport.Smtp;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

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

    [Fact]
    public async Task Received_MailAccepted_ArrivalStampedBetweenSendAndReply()
    {
        await using var server = await SmtpServerProcess.StartAsync();
        using var client = new SmtpClient();
        await client.ConnectAsync(server.Host, server.Port, SecureSocketOptions.None);
        using var mail = new MimeMessage { Subject = "arrival", Body = new TextPart("plain") { Text = "stamp me" } };
        mail.From.Add(MailboxAddress.Parse("sender@plant.test"));
        mail.To.Add(MailboxAddress.Parse("alice@plant.test"));
        var before = DateTimeOffset.UtcNow;

        await client.SendAsync(mail);
        var after = DateTimeOffset.UtcNow;

        // The benchmarks measure alarm latency to this stamp: the server's clock reading once it has the whole DATA.
        Assert.InRange(Assert.Single(server.Received()).ReceivedAt, before, after);
        Assert.Equal(1, server.ReceivedCount);
    }
}
