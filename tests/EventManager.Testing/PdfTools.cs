using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EventManager.Testing;

/// <summary>Poppler, qpdf and zbar, the tools a person would use to look inside a PDF.</summary>
public static class PdfTools
{
    /// <param name="layout">Columns kept side by side, as printed.</param>
    /// <param name="raw">In the order the page draws its text: a table cell's lines stay together, whatever is beside them.</param>
    public static string Text(byte[] pdf, int? page = null, bool layout = false, bool raw = false) =>
        Run("pdftotext", pdf, (layout ? "-layout " : "") + (raw ? "-raw " : "") + (page is int p ? $"-enc UTF-8 -f {p} -l {p} {{0}} -" : "-enc UTF-8 {0} -")).Output;

    /// <summary>Extracted text as a comparison sees it: NFKC (ligatures undone), without white space.</summary>
    public static string Compact(string text) =>
        new(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>pdffonts' table: one row per font with "emb" and "sub" columns.</summary>
    public static IReadOnlyList<(string Name, bool Embedded, bool Subset)> Fonts(byte[] pdf)
    {
        var lines = Run("pdffonts", pdf, "{0}").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2);
        return lines.Select(l =>
        {
            var cells = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // name type [type...] encoding emb sub uni object-id generation
            return (cells[0], cells[^5] == "yes", cells[^4] == "yes");
        }).ToList();
    }

    public static (int ExitCode, string Output) QpdfCheck(byte[] pdf) => Run("qpdf", pdf, "--check {0}", allowFailure: true);

    /// <summary>Renders a page at print resolution and decodes every QR code on it.</summary>
    public static IReadOnlyList<string> QrCodes(byte[] pdf, int page = 1)
    {
        var directory = Directory.CreateTempSubdirectory("qr-");
        try
        {
            var file = Path.Combine(directory.FullName, "c.pdf");
            File.WriteAllBytes(file, pdf);
            Exec("pdftoppm", $"-r 150 -png -f {page} -l {page} -singlefile {file} {Path.Combine(directory.FullName, "page")}");
            var (code, output) = Exec("zbarimg", $"-q --raw {Path.Combine(directory.FullName, "page.png")}", allowFailure: true);
            return code == 0 ? output.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
        }
        finally
        {
            directory.Delete(true);
        }
    }

    /// <summary>What poppler's pdfsig says of the file's digital signatures.</summary>
    /// <summary>qpdf's JSON view of a PDF (version 2) for the given keys: pages, acroform, objects...</summary>
    public static System.Text.Json.JsonDocument QpdfJson(byte[] pdf, params string[] keys) =>
        System.Text.Json.JsonDocument.Parse(Run("qpdf", pdf, "--json=2 " + string.Join(' ', keys.Select(k => "--json-key=" + k)) + " {0}").Output);

    /// <summary>One object as qpdf prints it ("&lt;&lt; /Type /Annot ... &gt;&gt;").</summary>
    public static string QpdfObject(byte[] pdf, string reference) =>
        Run("qpdf", pdf, $"--show-object={reference.Split(' ')[0]} {{0}}").Output;

    public static string Signatures(byte[] pdf) => Run("pdfsig", pdf, "{0}", allowFailure: true).Output;

    /// <summary>Every page as a PNG, rendered by poppler at <paramref name="dpi"/>.</summary>
    public static IReadOnlyList<byte[]> Pages(byte[] pdf, int dpi)
    {
        var directory = Directory.CreateTempSubdirectory("pages-");
        try
        {
            var file = Path.Combine(directory.FullName, "d.pdf");
            File.WriteAllBytes(file, pdf);
            Exec("pdftoppm", $"-r {dpi} -png {file} {Path.Combine(directory.FullName, "page")}");
            return directory.GetFiles("page*.png").OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => File.ReadAllBytes(f.FullName)).ToList();
        }
        finally
        {
            directory.Delete(true);
        }
    }

    private static (int ExitCode, string Output) Run(string tool, byte[] pdf, string arguments, bool allowFailure = false)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            return Exec(tool, string.Format(CultureInfo.InvariantCulture, arguments, file), allowFailure);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (int ExitCode, string Output) Exec(string tool, string arguments, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{tool} {arguments} failed ({process.ExitCode}): {error.Result}");
        }

        return (process.ExitCode, output.Result + (process.ExitCode == 0 ? "" : error.Result));
    }
}
