"""The high-contrast theme's style: :class:`HighContrastStyle` (see :mod:`smedigital.ui.theme`, which
sets it). Its own module, imported when high contrast is switched on: making ``QProxyStyle`` and
``QStyle``'s enumerations costs the first window about 5 ms."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleHintReturn, QStyleOption, QStyleOptionComplex, QWidget

from .theme import GREY


def _int_colour(colour: QColor) -> int:
    """A colour as the signed int ``QStyle.styleHint`` returns."""
    value = colour.rgba()
    return value - (1 << 32) if value >= 1 << 31 else value


class HighContrastStyle(QProxyStyle):
    """Fusion with every border, check box, radio button, tab and scroll bar handle outlined in the
    palette's text colour (grey when disabled) and the focus in the highlight colour."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    @staticmethod
    def _pen(option: QStyleOption, width: float = 1.0, focus_aware: bool = True) -> QPen:
        state = option.state
        if not state & QStyle.StateFlag.State_Enabled:
            colour = QColor(GREY)
        elif focus_aware and state & QStyle.StateFlag.State_HasFocus:
            colour, width = option.palette.color(QPalette.ColorRole.Highlight), width + 1
        else:
            colour = option.palette.color(QPalette.ColorRole.Text)
        pen = QPen(colour, width)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        return pen

    @staticmethod
    def _outline(painter: QPainter, rect: QRect, pen: QPen) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(pen)
        inset = int(pen.widthF() // 2)
        painter.drawRect(rect.adjusted(inset, inset, -inset - 1, -inset - 1))
        painter.restore()

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,  # noqa: N802 - Qt override
                      painter: QPainter, widget: QWidget | None = None) -> None:
        pe = QStyle.PrimitiveElement
        if element == pe.PE_IndicatorCheckBox:
            self._check_box(option, painter)
        elif element == pe.PE_IndicatorRadioButton:
            self._radio_button(option, painter)
        elif element in (pe.PE_FrameLineEdit, pe.PE_PanelButtonCommand, pe.PE_PanelButtonBevel,
                         pe.PE_PanelButtonTool):
            if element != pe.PE_FrameLineEdit:
                if element == pe.PE_PanelButtonTool and not option.state & (
                        QStyle.StateFlag.State_Raised | QStyle.StateFlag.State_Sunken | QStyle.StateFlag.State_On
                        | QStyle.StateFlag.State_MouseOver):
                    return  # a flat tool button: no panel
                sunken = option.state & (QStyle.StateFlag.State_Sunken | QStyle.StateFlag.State_On)
                painter.fillRect(option.rect, QColor("#404040") if sunken else option.palette.color(
                    QPalette.ColorRole.Button))
            self._outline(painter, option.rect, self._pen(option))
        elif element in (pe.PE_Frame, pe.PE_FrameGroupBox, pe.PE_FrameTabWidget, pe.PE_FrameMenu,
                         pe.PE_FrameDockWidget, pe.PE_FrameWindow, pe.PE_PanelTipLabel, pe.PE_FrameStatusBarItem):
            if element == pe.PE_PanelTipLabel:
                painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.ToolTipBase))
            pen = QPen(QColor(GREY) if element != pe.PE_FrameMenu else option.palette.color(QPalette.ColorRole.Text))
            self._outline(painter, option.rect, pen)
        else:
            super().drawPrimitive(element, option, painter, widget)

    def _check_box(self, option: QStyleOption, painter: QPainter) -> None:
        r = option.rect
        side = min(r.width(), r.height())
        box = QRect(r.x() + (r.width() - side) // 2, r.y() + (r.height() - side) // 2, side, side)
        painter.save()
        painter.fillRect(box, option.palette.color(QPalette.ColorRole.Base))
        self._outline(painter, box, self._pen(option, 2.0, focus_aware=False))
        tick = self._pen(option, max(2.0, side / 6), focus_aware=False)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(tick)
        if option.state & QStyle.StateFlag.State_On:
            x, y, s = box.x(), box.y(), side
            painter.drawPolyline(QPolygonF([QPointF(x + s * 0.22, y + s * 0.52), QPointF(x + s * 0.42, y + s * 0.74),
                                            QPointF(x + s * 0.78, y + s * 0.28)]))
        elif option.state & QStyle.StateFlag.State_NoChange:
            painter.drawLine(QPointF(box.x() + side * 0.25, box.center().y()),
                             QPointF(box.right() - side * 0.25, box.center().y()))
        painter.restore()

    def _radio_button(self, option: QStyleOption, painter: QPainter) -> None:
        r = option.rect
        side = min(r.width(), r.height()) - 2
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(option.palette.color(QPalette.ColorRole.Base))
        painter.setPen(self._pen(option, 2.0, focus_aware=False))
        x, y = r.x() + (r.width() - side) / 2, r.y() + (r.height() - side) / 2
        painter.drawEllipse(QPointF(x + side / 2, y + side / 2), side / 2 - 1, side / 2 - 1)
        if option.state & QStyle.StateFlag.State_On:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._pen(option, focus_aware=False).color())
            painter.drawEllipse(QPointF(x + side / 2, y + side / 2), side / 4, side / 4)
        painter.restore()

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOptionComplex,  # noqa: N802
                           painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        cc = QStyle.ComplexControl
        if control in (cc.CC_SpinBox, cc.CC_ComboBox):
            self._outline(painter, option.rect, self._pen(option))
        elif control == cc.CC_ScrollBar:
            handle = (self.subControlRect(control, option, QStyle.SubControl.SC_ScrollBarSlider, widget)
                      if widget is not None else QRect())
            if handle.isValid() and not handle.isEmpty():
                self._outline(painter, handle, self._pen(option, focus_aware=False))
            self._outline(painter, option.rect, QPen(QColor(GREY)))

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption,  # noqa: N802 - Qt override
                    painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawControl(element, option, painter, widget)
        ce = QStyle.ControlElement
        if element == ce.CE_TabBarTabShape:
            self._outline(painter, option.rect, QPen(QColor(GREY)))
            if option.state & QStyle.StateFlag.State_Selected:  # the current tab: a thick bar along its edge
                bar = QRect(option.rect.x() + 1, option.rect.y() + 1, option.rect.width() - 2, 4)
                painter.fillRect(bar, option.palette.color(QPalette.ColorRole.Highlight))
        elif element == ce.CE_HeaderSection:
            self._outline(painter, option.rect, QPen(QColor(GREY)))
        elif element == ce.CE_ProgressBarGroove:
            self._outline(painter, option.rect, QPen(option.palette.color(QPalette.ColorRole.Text)))

    def styleHint(self, hint: QStyle.StyleHint, option: QStyleOption | None = None,  # noqa: N802 - Qt override
                  widget: QWidget | None = None, data: QStyleHintReturn | None = None) -> int:
        if hint == QStyle.StyleHint.SH_Table_GridLineColor:
            return _int_colour(QColor(GREY))
        return super().styleHint(hint, option, widget, data)
