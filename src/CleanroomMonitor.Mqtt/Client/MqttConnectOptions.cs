using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;

namespace CleanroomMonitor.Mqtt.Client;

/// <summary>Our options as MQTTnet's CONNECT options: protocol, session, credentials, TLS from PEM files, will.</summary>
internal static class MqttConnectOptions
{
    public static MQTTnet.MqttClientOptions Build(MqttClientOptions options, MqttApplicationMessage? will)
    {
        var v5 = options.ProtocolVersion == MqttProtocolVersion.V5;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithProtocolVersion(v5 ? MQTTnet.Formatter.MqttProtocolVersion.V500 : MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(TimeSpan.FromSeconds(100));
        if (options.ClientId is not null)
        {
            builder.WithClientId(options.ClientId);
        }
        if (v5)
        {
            builder.WithCleanStart(options.CleanSession)
                .WithReceiveMaximum((ushort)Math.Min(options.MaxInflight, ushort.MaxValue));
            if (!options.CleanSession)
            {
                // Without a Session Expiry Interval an MQTT 5 session ends at disconnect even with clean start off. A clean
                // session sends none: with one, the broker kept a disposed subscriber's session and queued every later
                // message for it (2 GB in mosquitto after one benchmark suite).
                builder.WithSessionExpiryInterval((uint)Math.Min(options.SessionExpiry.TotalSeconds, uint.MaxValue));
            }
        }
        else
        {
            builder.WithCleanSession(options.CleanSession);
        }
        if (options.Username is not null)
        {
            builder.WithCredentials(options.Username, options.Password);
        }
        if (options.CaFile is not null)
        {
            builder.WithTlsOptions(tls => Tls(tls, options));
        }
        if (will is not null)
        {
            builder.WithWillTopic(will.Topic)
                .WithWillPayload(System.Buffers.BuffersExtensions.ToArray(will.Payload))
                .WithWillQualityOfServiceLevel(will.QualityOfServiceLevel)
                .WithWillRetain(will.Retain);
        }
        var built = builder.Build();
        ((MqttClientTcpOptions)built.ChannelOptions).StreamProvider = new Transport.CoalescingStreamProvider();
        return built;
    }

    private static void Tls(MqttClientTlsOptionsBuilder tls, MqttClientOptions options)
    {
        // The site's CA is the only root trusted for the broker's certificate; a private CA has no revocation list to ask.
        var trust = new X509Certificate2Collection();
        trust.ImportFromPemFile(options.CaFile!);
        tls.UseTls()
            .WithTrustChain(trust)
            .WithIgnoreCertificateRevocationErrors()
            .WithCertificateValidationHandler(e => Accept(e.SslPolicyErrors, options.TlsInsecure));
        if (options.CertFile is not null)
        {
            tls.WithClientCertificates([X509Certificate2.CreateFromPemFile(options.CertFile, options.KeyFile)]);
        }
    }

    private static bool Accept(SslPolicyErrors errors, bool insecure) =>
        (insecure ? errors & ~SslPolicyErrors.RemoteCertificateNameMismatch : errors) == SslPolicyErrors.None;
}
