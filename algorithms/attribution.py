"""tsmv:attribution - Attribute total soil-moisture variability (Li et al. 2025, sections 2.3-2.4)."""
from qgis.core import QgsProcessingParameterFileDestination, QgsProcessingParameterRasterDestination

from ..processing_provider.base import TsmvAlgorithm
from ..tsmv_qgis.attribution import run_attribution

OUTPUTS = [
    ("COMPONENTS", "components", "Contributions of the 32 components",
     "RC of each component in percent of Var(TSM): band 1 + 16c + 4s + d for dynamic c "
     "(0 Trend, 1 IAV), season s (0 H-S ... 3 A-S), depth d (0 0-10 ... 3 100-200 cm)."),
    ("BY_SEASON", "by_season", "Contributions by season", "Sum over depths and dynamics (%), bands H-S ... A-S."),
    ("BY_DEPTH", "by_depth", "Contributions by depth", "Sum over seasons and dynamics (%), bands 0-10 cm ..."),
    ("BY_DYNAMIC", "by_dynamic", "Contributions by dynamic", "Sum over seasons and depths (%), bands Trend, IAV."),
    ("OMEGA", "omega", "Contribution per unit of storage (omega)",
     "omega = (RC Trend + RC IAV) / P, P the component's share of mean TSM (%); band 1 + 4s + d."),
    ("DOMINANT", "dominant", "Dominant components",
     "top1_code, top1_percent, top2_code, top2_percent: the two largest of the 32 signed terms."),
]


class Attribution(TsmvAlgorithm):
    NAME = "attribution"
    DISPLAY_NAME = "Attribute total soil-moisture variability"
    HELP = (
        "Splits the variance of each pixel's total soil moisture TSM(t) over START_YEAR..END_YEAR "
        "into 32 contributions: 4 wetness seasons x 4 depths x {long-term trend, interannual "
        "variability (IAV)}, as in Li et al. (2025), eq. 1-10.\n\n"
        "With x_{s,d}(t) = SM_{s,d}(t)/4 (the seasonal stacks of 'Classify wetness seasons'), "
        "TSM(t) = sum x_{s,d}(t). alpha and alpha_{s,d} are ordinary-least-squares lines on the "
        "year, beta and beta_{s,d} the residuals. RC Trend_{s,d} = Cov(alpha, alpha_{s,d}) / "
        "Var(TSM) and RC IAV_{s,d} = Cov(beta, beta_{s,d}) / Var(TSM), in percent; the 32 terms "
        "sum to 100 at every pixel. omega_{s,d} = (RC Trend + RC IAV) / P_{s,d}, where P_{s,d} is "
        "the component's share of mean TSM (%): omega > 1 means the component moves TSM more than "
        "its share of the water.\n\n"
        "Choices made for you:\n"
        "- A pixel needs every season of every year of the period in all four layers; otherwise, "
        "or if its TSM is constant (variance below 1e-9 of its mean, squared), it is NaN.\n"
        "- DOMINANT holds the two largest signed terms (eq. 10); ties go to the smaller code. "
        "Codes are k = 1 + 16c + 4s + d, named in the legend ('IAV SA-S 100-200 cm').\n"
        "- TABLE means are area-weighted (cos latitude) over valid pixels, with unweighted means "
        "beside them; mean_omega is the area-weighted mean omega of the season-depth.\n"
        "Run it once per period (e.g. 1948-1999 and 2000-2024) to compare periods.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_layer_inputs("Seasonal soil moisture %s cm",
                              "Seasonal stack of the %s cm layer from 'Classify wetness seasons' "
                              "(bands 'YYYY H-S' ... 'YYYY A-S').")
        self.add_years("First year of the period. Empty: the first year of the stacks.",
                       "Last year of the period. Empty: the last year of the stacks.")
        for name, _, title, text in OUTPUTS:
            self.add(QgsProcessingParameterRasterDestination(name, self.tr(title)), text)
        self.add(QgsProcessingParameterFileDestination("TABLE", self.tr("Attribution table"),
                                                       "CSV files (*.csv)"),
                 "CSV: code, dynamic, season, depth, mean_percent (area-weighted), "
                 "mean_percent_unweighted, mean_omega, pixels.")

    def compute(self, parameters, context, feedback):
        inputs = self.layer_inputs(parameters, context)
        paths = {name: self.output_raster(parameters, name, context) for name, _, _, _ in OUTPUTS}
        outputs = {key: paths[name] for name, key, _, _ in OUTPUTS}
        outputs["table"] = self.output_file(parameters, "TABLE", context, ".csv")
        table = run_attribution(inputs, outputs, *self.years(parameters), progress=self.progress(feedback))
        trend = sum(float(row[4]) for row in table[:16])
        feedback.pushInfo("%d pixels attributed; area-weighted Trend %.1f%%, IAV %.1f%% of Var(TSM)"
                          % (table[0][7], trend, 100.0 - trend))
        for path in paths.values():
            self.style_on_load(context, path)
        paths["TABLE"] = outputs["table"]
        return paths
