using System.Security.Cryptography;

namespace CleanroomMonitor.Core.ReportIssues;

/// <summary>One issued version of a batch's EM report: the PDF rendered once at approval and frozen in the record store.
/// The bytes are kept beside this record; <paramref name="Sha256"/> lets anyone check that a print is that file.</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the PDF bytes.</param>
/// <param name="Length">The PDF's size in bytes.</param>
/// <param name="ApprovedBy">The approver's user name (the signature itself is a <see cref="ReportIssueSignature"/>).</param>
public sealed record IssuedReport(string Batch, int Version, DateTimeOffset IssuedAt, string Sha256, long Length, string ApprovedBy)
{
    /// <summary>The issue record of <paramref name="pdf"/>, its hash computed here so that no caller can get it wrong.</summary>
    public static IssuedReport Of(string batch, int version, DateTimeOffset issuedAt, ReadOnlySpan<byte> pdf, string approvedBy) =>
        new(batch, version, issuedAt, HashOf(pdf), pdf.Length, approvedBy);

    public static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
