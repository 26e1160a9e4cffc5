using CleanroomMonitor.Dashboards.Model;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>Lays panels out left to right, top to bottom on Grafana's 24-column grid, with rows as full-width
/// headers, and numbers them from 1 in order. Positions follow from the order alone, so they are stable.</summary>
public sealed class PanelGrid
{
    private const int Columns = 24;
    private readonly List<Panel> _panels = [];
    private int _x;
    private int _y;
    private int _lineHeight;

    public IReadOnlyList<Panel> Panels => _panels;

    public void Row(string title)
    {
        NewLine();
        _panels.Add(Model.Row.Create(_panels.Count + 1, title, _y));
        _y += 1;
    }

    public void Add(int width, int height, Func<int, GridPos, Panel> create)
    {
        if (_x + width > Columns)
        {
            NewLine();
        }
        _panels.Add(create(_panels.Count + 1, new GridPos(height, width, _x, _y)));
        _x += width;
        _lineHeight = Math.Max(_lineHeight, height);
    }

    private void NewLine()
    {
        _y += _lineHeight;
        _x = 0;
        _lineHeight = 0;
    }
}
