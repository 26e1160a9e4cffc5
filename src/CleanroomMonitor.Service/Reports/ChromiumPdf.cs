using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Reports;

/// <summary>Prints an HTML document to PDF with headless Chromium's print-to-PDF. The document is written to a private
/// temporary folder and Chromium prints that file, so no credential ever leaves the service and Chromium reaches
/// nothing over the network (the document has no external resource).</summary>
public sealed class ChromiumPdf(IOptions<ReportOptions> options, TimeProvider time)
{
    public bool IsAvailable => File.Exists(options.Value.ChromiumPath);

    public string ExecutablePath => options.Value.ChromiumPath;

    /// <exception cref="ReportPdfException">Chromium failed, timed out, or wrote no PDF.</exception>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("cleanroom-report-");
        try
        {
            var htmlFile = Path.Combine(folder.FullName, "report.html");
            var pdfFile = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllTextAsync(htmlFile, html, cancellationToken);
            var start = new ProcessStartInfo(options.Value.ChromiumPath)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                         "--user-data-dir=" + Path.Combine(folder.FullName, "profile"), "--print-to-pdf=" + pdfFile, new Uri(htmlFile).AbsoluteUri])
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new ReportPdfException($"{options.Value.ChromiumPath} did not start");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = new CancellationTokenSource(options.Value.PdfTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await process.WaitForExitAsync(linked.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                throw new ReportPdfException($"Chromium did not print the report within {options.Value.PdfTimeout}");
            }
            await Task.WhenAll(output, error);
            if (process.ExitCode != 0 || !File.Exists(pdfFile))
            {
                var message = (await error).Trim();
                throw new ReportPdfException($"Chromium exited with {process.ExitCode} and no PDF: {(message.Length > 1000 ? message[^1000..] : message)}");
            }
            return await File.ReadAllBytesAsync(pdfFile, cancellationToken);
        }
        catch (Win32Exception ex)
        {
            throw new ReportPdfException($"{options.Value.ChromiumPath} could not be started: {ex.Message}", ex);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
