using System.Diagnostics;
using System.Text.Json;
using EventManager.Core.Certificates;
using EventManager.Core.Data;
using SkiaSharp;
using EventManager.Core.Printing;

namespace EventManager.Benchmarks;

/// <summary>
/// Certificates through the app (<see cref="CertificateHttpBenchmark"/>: whole prints over HTTP and a 1,000-agreement
/// batch, with the app's peak memory and its write ceiling), then the renderer alone in this process: the
/// certificates of a 24-agreement ceremony one by one, a batch of 1,000 in one PDF, against the floor of an empty page
/// from the same library.
/// </summary>
public static class CertificateBenchmark
{
    private static readonly (string Latin, string Native, string Position)[] Chinese =
    [
        ("Wang Wei", "王伟", "President"), ("Li Na", "李娜", "Vice-President"), ("Zhang Min", "张敏", "Party Secretary"),
        ("Liu Yang", "刘洋", "Director of International Affairs"), ("Chen Jing", "陈静", "President"), ("Yang Fan", "杨帆", "Vice-President"),
        ("Zhao Lei", "赵磊", "Dean of the School of Foreign Languages"), ("Huang Li", "黄丽", "President"), ("Zhou Qiang", "周强", "Vice-President"), ("Wu Xia", "吴霞", "Provost"),
    ];

    private static readonly (string Latin, string Native, string Position)[] Kazakh =
    [
        ("Zhansaya Abenova", "Жансая Әбенова", "Rector"), ("Yerlan Sultanov", "Ерлан Сұлтанов", "Vice-Rector for International Affairs"),
        ("Aigerim Nurlanqyzy", "Айгерім Нұрланқызы", "Rector"), ("Nurlan Zhaksylykov", "Нұрлан Жақсылықов", "Provost"),
        ("Gulnara Kassymova", "Гүлнара Қасымова", "Rector"), ("Daniyar Bekmukhamedov", "Данияр Бекмұхамедов", "Vice-Rector"),
        ("Saule Omarova", "Сәуле Омарова", "Rector"), ("Askar Tulegenov", "Асқар Төлегенов", "Vice-Rector for Research"), ("Madina Yesenova", "Мадина Есенова", "Director of International Cooperation"),
    ];

    private static readonly (string English, string Chinese, string Kazakh, string Kind)[] Titles =
    [
        ("Memorandum of understanding on academic cooperation", "学术合作谅解备忘录", "Академиялық ынтымақтастық туралы өзара түсіністік меморандумы", "Memorandum of understanding"),
        ("Student exchange agreement", "学生交流协议", "Студенттер алмасу туралы келісім", "Student exchange"),
        ("Agreement on a joint research centre", "共建联合研究中心协议", "Бірлескен ғылыми орталық туралы келісім", "Joint research"),
        ("Agreement on a joint degree programme", "联合学位项目协议", "Бірлескен дәрежелік бағдарлама туралы келісім", "Joint programme"),
    ];

    public static async Task<int> RunAsync(TimeSpan duration)
    {
        var idleRss = await IdleMemory.MeasureAsync();
        var app = await CertificateHttpBenchmark.RunAsync(duration);

        var institutions = DemoData.ReadInstitutions();
        var cn = institutions.Where(i => i.CountryCode == "CN").Take(10).ToList();
        var kz = institutions.Where(i => i.CountryCode == "KZ").Take(9).ToList();
        CertificateModel Model(int k)
        {
            var c = cn[k % cn.Count];
            var z = kz[k * 7 % kz.Count];
            var (latinC, nativeC, positionC) = Chinese[k % Chinese.Length];
            var (latinK, nativeK, positionK) = Kazakh[k * 7 % Kazakh.Length];
            var (english, chinese, kazakh, kind) = Titles[k % Titles.Length];
            var code = Convert.ToBase64String(BitConverter.GetBytes(k * 7919L)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "q2Xw7Y0sD1kPzR";
            var url = $"https://events.example.org/verify/{code}";
            return new CertificateModel(
                "First China–Kazakhstan University Rectors' Cooperation Dialogue", "Certificate of Agreement", english, [chinese, kazakh], kind,
                [new(c.EnglishName, c.NativeName, "China", latinC, nativeC, positionC), new(z.EnglishName, z.NativeName, "Kazakhstan", latinK, nativeK, positionK)],
                "Signed at Guiyang International Eco-Conference Center, Guiyang on Tuesday, December 29, 2026",
                $"No. CKRD-2026-{k + 1:0000}", url, "Verify at " + url);
        }

        // One core: the figure the goal names, on a machine shared with other work.
        Process.GetCurrentProcess().ProcessorAffinity = 1;
        using var fonts = new FontCatalog(new FontSettings());
        var renderer = new CertificateRenderer(fonts);
        var ceremony = Enumerable.Range(0, 24).Select(Model).ToList();

        // Warm up (JIT, font preprocessing), then the batch first, so its peak is not an earlier phase's.
        foreach (var model in ceremony.Take(5))
        {
            renderer.Render(model);
        }

        var batch = Enumerable.Range(0, 1000).Select(Model).ToList();
        GC.Collect();
        var batchWatch = Stopwatch.StartNew();
        var batchFile = Path.Combine(Path.GetTempPath(), $"certificates-{Environment.ProcessId}.pdf");
        using (var output = File.Create(batchFile))
        {
            renderer.Render(batch, output);
        }

        var batchSeconds = batchWatch.Elapsed.TotalSeconds;
        var batchBytes = new FileInfo(batchFile).Length;
        File.Delete(batchFile);
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
        Console.Error.WriteLine($"batch of 1000: {batchSeconds:F2} s, {batchBytes / 1024.0:F0} KB, process peak {peakMb:F0} MB");

        // Singles: each certificate of the ceremony on its own, as a desk prints them, for a few seconds.
        var times = new List<double>();
        long bytes = 0;
        var singles = 0;
        var total = Stopwatch.StartNew();
        while (total.Elapsed < TimeSpan.FromSeconds(5) || singles < 24)
        {
            var started = Stopwatch.GetTimestamp();
            var pdf = renderer.Render(ceremony[singles % ceremony.Count]);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (singles < ceremony.Count)
            {
                bytes += pdf.Length;
            }

            singles++;
        }

        var perSecond = singles / total.Elapsed.TotalSeconds;
        times.Sort();
        var largest = ceremony.Max(m => renderer.Render(m).Length);
        Console.Error.WriteLine($"singles: {singles} in {total.Elapsed.TotalSeconds:F1} s on one core, p50 {Measure.Percentile(times, 50):F2} ms, p95 {Measure.Percentile(times, 95):F2} ms, average {bytes / 24.0 / 1024:F1} KB, largest {largest / 1024.0:F1} KB");

        // Signed singles: the same, each PDF then signed (PAdES, RSA-2048, a certificate made for the run) as a desk
        // with a signing certificate configured prints them; signing is warmed up before the measured loop.
        using var key = System.Security.Cryptography.RSA.Create(2048);
        using var signingCertificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Benchmark signer", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var signer = new PdfSigner(signingCertificate);
        signer.Sign(renderer.Render(ceremony[0]), DateTime.UtcNow);
        var signedSingles = 0;
        var signedTotal = Stopwatch.StartNew();
        while (signedTotal.Elapsed < TimeSpan.FromSeconds(5) || signedSingles < 24)
        {
            signer.Sign(renderer.Render(ceremony[signedSingles % ceremony.Count]), DateTime.UtcNow);
            signedSingles++;
        }

        var signedPerSecond = signedSingles / signedTotal.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"signed singles: {signedSingles} in {signedTotal.Elapsed.TotalSeconds:F1} s on one core");

        // The floor: an empty A4 page from the same library.
        var blank = new List<double>();
        for (var i = 0; i < 500; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var stream = new MemoryStream();
            using (var w = new SKManagedWStream(stream))
            using (var document = SKDocument.CreatePdf(w))
            {
                document.BeginPage(841.89f, 595.28f);
                document.EndPage();
                document.Close();
            }

            blank.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        blank.Sort();
        var result = new Dictionary<string, object>
        {
            ["bench"] = "certificates",
            ["single_ms_p50"] = Math.Round(Measure.Percentile(times, 50), 2),
            ["per_s_one_core"] = Math.Round(perSecond, 1),
            ["signed_per_s_one_core"] = Math.Round(signedPerSecond, 1),
            ["batch_1000_s"] = Math.Round(batchSeconds, 2),
            ["batch_peak_mb"] = Math.Round(peakMb, 0),
            ["bytes_per_certificate"] = bytes / 24,
            ["blank_page_ms"] = Math.Round(Measure.Percentile(blank, 50), 3),
            ["http_per_s"] = Math.Round(app.PerSecond, 1),
            ["http_p50_ms"] = Math.Round(app.P50Ms, 1),
            ["ceiling_per_s"] = Math.Round(app.CeilingPerSecond, 1),
            ["http_ratio"] = Math.Round(app.PerSecond / Math.Max(1, app.CeilingPerSecond), 3),
            ["batch_http_1000_s"] = Math.Round(app.BatchSeconds, 2),
            ["rss_peak_mb"] = Math.Round(app.RssPeakMb, 1),
            ["idle_rss_mb"] = idleRss,
            ["errors"] = app.Errors,
        };
        Console.WriteLine($"Ceiling: {app.CeilingPerSecond:F0} form posts/s from the same signed-in client to POST /_ceiling (antiforgery checked, nothing stored, no PDF); http_ratio = whole prints/s ÷ that. The renderer figures are this process alone, on one core.");
        Console.WriteLine(JsonSerializer.Serialize(result));
        return app.Errors == 0 ? 0 : 1;
    }
}
