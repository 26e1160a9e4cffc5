namespace CleanroomMonitor.Service.Reports;

/// <summary>The report's own styles, for the screen and for print: A4 landscape, table headers repeated on each page, a
/// row, a chart or the signature block never split across pages, the first page (verdict and summary) on its own.</summary>
internal static class BatchReportStyles
{
    public const string Css = """
        .em-report { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; }
        .em-report h1 { font-size: 20px; margin: 0 0 4px; } .em-report h2 { font-size: 16px; margin: 18px 0 6px; border-bottom: 2px solid #1b1f24; }
        .em-report h3 { font-size: 14px; margin: 12px 0 4px; }
        .em-report dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 12px; margin: 8px 0; }
        .em-report dt { font-weight: 600; } .em-report dd { margin: 0; }
        .em-report table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; font-size: 12px; }
        .em-report th, .em-report td { border: 1px solid #b8bfc7; padding: 3px 5px; text-align: left; vertical-align: top; }
        .em-report th { background: #eef1f4; } .em-report td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .em-report .verdict { border: 3px solid; padding: 8px 12px; margin: 10px 0; }
        .em-report .verdict.clear { border-color: #1a7f37; background: #e9f7ee; } .em-report .verdict.refused { border-color: #b42318; background: #fdecea; }
        .em-report .verdict strong { font-size: 16px; } .em-report .verdict ol { margin: 6px 0; padding-left: 22px; }
        .em-report .rule { font-size: 11px; color: #4a525c; }
        .em-report .open { color: #b42318; font-weight: 600; } .em-report .when { white-space: nowrap; } .em-report .muted { color: #5b636d; }
        .em-report .exports a { margin-right: 12px; }
        .em-report .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(430px, 1fr)); gap: 8px 16px; }
        .em-report figure { margin: 0; break-inside: avoid; } .em-report figcaption { font-size: 12px; }
        .em-report figcaption .stats { color: #3d444d; }
        .em-report svg.chart { width: 100%; height: auto; display: block; }
        .em-report svg.chart .window { fill: #e7f0fa; } .em-report svg.chart .grid { stroke: #dde2e7; stroke-width: 0.6; }
        .em-report svg.chart .axis { stroke: #5b636d; stroke-width: 0.8; } .em-report svg.chart .tick { font-size: 9px; fill: #3d444d; }
        .em-report svg.chart .band { fill: #9fb3c8; } .em-report svg.chart .mean { fill: none; stroke: #1f4e79; stroke-width: 1.4; }
        .em-report svg.chart .alert { stroke: #b7791f; stroke-width: 1.2; stroke-dasharray: 5 3; }
        .em-report svg.chart .action { stroke: #b42318; stroke-width: 1.4; }
        .em-report svg.chart .excursion { fill: #b42318; fill-opacity: 0.16; } .em-report svg.chart .marker { font-size: 9px; font-weight: 700; fill: #b42318; }
        .em-report svg.chart .nodata { font-size: 11px; fill: #5b636d; }
        .em-report .legend span { margin-right: 14px; white-space: nowrap; } .em-report .legend i { display: inline-block; width: 18px; height: 0; vertical-align: middle; margin-right: 4px; }
        .em-report .legend .l-band { height: 8px; background: #9fb3c8; } .em-report .legend .l-mean { border-top: 2px solid #1f4e79; }
        .em-report .legend .l-alert { border-top: 2px dashed #b7791f; } .em-report .legend .l-action { border-top: 2px solid #b42318; }
        .em-report .legend .l-window { height: 8px; background: #e7f0fa; border: 1px solid #b8c9dc; } .em-report .legend .l-exc { height: 8px; background: #f3d3d0; }
        .em-report table.audit td { padding: 2px 5px; } .em-report .approvals td { height: 26px; }
        .em-report section.approvals { break-inside: avoid; }
        @media print {
          @page { size: A4 landscape; margin: 16mm 12mm 14mm; }
          body { background: #fff; } header.top, nav, .skip, .no-print, .em-report .exports { display: none !important; }
          .em-report { font-size: 10.5px; } .em-report table { font-size: 9.5px; }
          .em-report thead { display: table-header-group; } .em-report tr { break-inside: avoid; } .em-report h2, .em-report h3 { break-after: avoid; }
          .em-report .first-page { break-after: page; }
          .em-report .verdict, .em-report th, .em-report svg.chart, .em-report .legend i { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          .em-report a { color: inherit; text-decoration: none; }
        }
        """;
}
