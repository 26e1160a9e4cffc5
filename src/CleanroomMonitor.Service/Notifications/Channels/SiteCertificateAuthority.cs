using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>A site's own CA (a PEM file), trusted for a server's certificate besides the system's store: a relay inside
/// the plant usually carries a certificate from the site's CA, which the host's store does not know.</summary>
internal sealed class SiteCertificateAuthority
{
    private readonly X509Certificate2Collection _roots;

    private SiteCertificateAuthority(X509Certificate2Collection roots)
    {
        _roots = roots;
    }

    /// <summary>Loads the certificates of <paramref name="pemFile"/>; null with the reason when it holds none or cannot be read.</summary>
    public static SiteCertificateAuthority? TryLoad(string pemFile, out string? problem)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(pemFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            problem = ex.Message;
            return null;
        }
        problem = roots.Count == 0 ? "no PEM certificate in the file" : null;
        return problem is null ? new SiteCertificateAuthority(roots) : null;
    }

    /// <summary>Accepts what the system already accepts, and a chain that ends at one of the site's CAs when that is the
    /// only fault. A name mismatch is never forgiven. Revocation is not checked against the site CA: a site CA rarely
    /// publishes a CRL reachable from the monitoring network, and an unreachable CRL must not silence alarms.</summary>
    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }
        using var leaf = certificate is X509Certificate2 ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);   // intermediates the server sent
            }
        }
        return custom.Build(leaf ?? (X509Certificate2)certificate);
    }
}
