namespace CleanroomMonitor.TestSupport;

/// <summary>The PEM files of a broker's TLS listener.</summary>
/// <param name="RequireClientCertificate">Mutual TLS: clients must present a certificate signed by <paramref name="CaFile"/>.</param>
public sealed record MosquittoTls(string CaFile, string CertFile, string KeyFile, bool RequireClientCertificate = false);
